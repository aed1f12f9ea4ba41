import { hmacSha256Hex, sha256Hex } from '../crypto/sha256';
import { badRequest } from '../errors';
import { secretsMatch } from '../secret';
import { JsonObject } from '../validation';
import { chooseRecipient } from './recipient';
import { chooseTemplate, MessageTemplate, renderTemplate } from './templates';

export const PREPARED_FORMAT = 'tickets-freeside-sms/1';

/**
 * Prepare's answer, which Freeside stores and POSTs to Send verbatim: everything the SMS needs, signed, so
 * Send refuses one that was changed or cut. `id` is new for every Prepare and names the SMS from then on:
 * Freeside retrying Send sends it once, while the same notice prepared again next month is a new SMS.
 */
export interface PreparedMessage {
    format: typeof PREPARED_FORMAT;
    id: string;
    to: string;
    text: string;
    template: string;
    /** Freeside's customer number and name, for the agents; empty when Freeside sent none. */
    custnum: string;
    customer: string;
    preparedAt: string;
    signature: string;
}

export type UnsignedMessage = Omit<PreparedMessage, 'signature'>;

const SIGNED_FIELDS: Array<keyof UnsignedMessage> = ['format', 'id', 'to', 'text', 'template', 'custnum', 'customer', 'preparedAt'];

const signatureOf = (message: UnsignedMessage, key: string): string => hmacSha256Hex(key, JSON.stringify(SIGNED_FIELDS.map((field) => message[field])));

export interface PrepareSettings {
    templates: Array<MessageTemplate>;
    callingCode: string | undefined;
}

/** The message for Freeside's substitution variables (and the interface's `template` and `to`), to be signed; no side effects. */
export function prepareMessage(variables: JsonObject, settings: PrepareSettings, nonce: string, now: Date = new Date()): UnsignedMessage {
    const wanted = variables.template;
    if (wanted !== undefined && typeof wanted !== 'string') {
        throw badRequest('template must be the name of a Freeside template');
    }
    const template = chooseTemplate(settings.templates, wanted);
    const text = renderTemplate(template, variables);
    const to = chooseRecipient(variables, settings.callingCode);
    const preparedAt = now.toISOString();
    return {
        format: PREPARED_FORMAT,
        id: sha256Hex(`${nonce}\n${to}\n${text}\n${preparedAt}`).slice(0, 24),
        to,
        text,
        template: template.name,
        custnum: plain(variables.custnum),
        customer: [plain(variables.first), plain(variables.last)].filter(Boolean).join(' ') || plain(variables.company),
        preparedAt,
    };
}

export const signPrepared = (message: UnsignedMessage, signingKey: string): PreparedMessage => ({ ...message, signature: signatureOf(message, signingKey) });

/** A prepared message as Send receives it, its signature not checked yet; a 400 naming what is missing. */
export function readPreparedMessage(body: JsonObject): PreparedMessage {
    if (body.format !== PREPARED_FORMAT) {
        throw badRequest(`Not a message prepared by Tickets: format must be "${PREPARED_FORMAT}" (POST to Send exactly what Prepare answered)`);
    }
    const fields = {} as Record<keyof PreparedMessage, string>;
    for (const field of [...SIGNED_FIELDS, 'signature'] as Array<keyof PreparedMessage>) {
        const value = body[field];
        if (typeof value !== 'string') {
            throw badRequest(`The prepared message is incomplete: ${field} is ${value === undefined ? 'missing' : 'not a string'}`);
        }
        fields[field] = value;
    }
    return fields as PreparedMessage;
}

/** A 400 unless the message is exactly what Prepare signed. */
export function checkSignature(message: PreparedMessage, signingKey: string | undefined): PreparedMessage {
    if (!signingKey) {
        throw badRequest('This Tickets installation has prepared no message yet; prepare it again');
    }
    if (!secretsMatch(message.signature, signatureOf(message, signingKey))) {
        throw badRequest('The prepared message was changed after Prepare (its signature does not match); prepare it again');
    }
    return message;
}

const plain = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '');
