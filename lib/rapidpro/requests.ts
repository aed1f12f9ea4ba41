import { badRequest, describeError } from '../errors';
import { requireHttpUrl } from '../url';
import { JsonObject, optionalArray, optionalObject, optionalString, optionalText, requireId, requireObject, requireString } from '../validation';
import { parseSessionStart } from './sessionStart';

/** The bodies RapidPro's ticketer (mailroom, type `rocketchat`) sends, read from untrusted JSON. See CONTRACTS.md §1. */

const MAX_ID = 128;
const MAX_NAME = 1024;
const MAX_SHORT = 256;
const MAX_URL = 4096;
const MAX_TEXT = 65535;
const MAX_CUSTOM_FIELDS = 100;
const MAX_CUSTOM_FIELD_VALUE = 10000;
const MAX_ATTACHMENTS = 50;
const EMAIL = /^[^\s@]+@[^\s@]+$/;

export interface TicketVisitor {
    token: string;
    contactUUID?: string;
    name?: string;
    email?: string;
    phone?: string;
    /** Department id or name, as RapidPro forks send it. */
    department?: string;
    customFields: Record<string, string>;
}

/** A field RapidPro sent in a form the app cannot use: left out, and shown to the agents instead. */
export interface UnusableField {
    field: string;
    value: string;
    reason: string;
}

export interface RoomRequest {
    ticketID: string;
    priority?: string;
    /** ISO 8601 in UTC. */
    sessionStart?: string;
    visitor: TicketVisitor;
    unusable: Array<UnusableField>;
}

export interface RemoteAttachment {
    /** MIME type as RapidPro gives it (e.g. `image/jpg`), when given. */
    type?: string;
    url: string;
}

export interface VisitorMessageRequest {
    token: string;
    text?: string;
    attachments: Array<RemoteAttachment>;
}

export function parseSettingsRequest(body: JsonObject): { callbackUrl: string } {
    const webhook = requireObject(body.webhook, 'webhook');
    const url = requireString(webhook.url, 'webhook.url', MAX_URL);
    return { callbackUrl: requireHttpUrl(url, 'webhook.url') };
}

/**
 * Only the token and the ticket id are required. An optional field in an unusable form (an email that is
 * not one, a date that is not RFC 3339) does not stop the handover: it is left out and shown to the agents.
 */
export function parseRoomRequest(body: JsonObject): RoomRequest {
    const visitor = requireObject(body.visitor, 'visitor');
    const unusable: Array<UnusableField> = [];
    // The original app's README spelled these ticketId / contactUuid: accept both spellings.
    const ticketID = requireString(body.ticketID ?? body.ticketId, 'ticketID', MAX_ID);
    let email = optionalString(visitor.email, 'visitor.email', MAX_SHORT);
    if (email !== undefined && !EMAIL.test(email)) {
        unusable.push({ field: 'visitor.email', value: email, reason: 'not an email address' });
        email = undefined;
    }
    const rawSessionStart = optionalString(body.sessionStart, 'sessionStart', MAX_SHORT);
    let sessionStart: string | undefined;
    try {
        sessionStart = parseSessionStart(rawSessionStart);
    } catch (error) {
        unusable.push({ field: 'sessionStart', value: rawSessionStart as string, reason: describeError(error) });
    }
    return {
        ticketID,
        priority: optionalString(typeof body.priority === 'number' ? String(body.priority) : body.priority, 'priority', MAX_SHORT),
        sessionStart,
        visitor: {
            token: requireId(visitor.token, 'visitor.token', MAX_ID),
            contactUUID: optionalString(visitor.contactUUID ?? visitor.contactUuid, 'visitor.contactUUID', MAX_ID),
            name: optionalString(visitor.name, 'visitor.name', MAX_NAME),
            email,
            phone: optionalString(visitor.phone, 'visitor.phone', MAX_SHORT),
            department: optionalString(visitor.department, 'visitor.department', MAX_SHORT),
            customFields: parseCustomFields(visitor.customFields),
        },
        unusable,
    };
}

export function parseVisitorToken(body: JsonObject): string {
    return requireId(requireObject(body.visitor, 'visitor').token, 'visitor.token', MAX_ID);
}

export function parseVisitorMessageRequest(body: JsonObject): VisitorMessageRequest {
    const token = parseVisitorToken(body);
    const text = optionalText(body.text, 'text', MAX_TEXT);
    const attachments = optionalArray(body.attachments, 'attachments', MAX_ATTACHMENTS).map((item, index) => parseAttachment(item, `attachments[${index}]`));
    if (text === undefined && attachments.length === 0) {
        throw badRequest('text or attachments is required');
    }
    return { token, text, attachments };
}

function parseAttachment(value: unknown, field: string): RemoteAttachment {
    const attachment = requireObject(value, field);
    // Checked against its type by visitorAttachment(): a `geo` attachment's url is "latitude,longitude".
    const url = requireString(attachment.url, `${field}.url`, MAX_URL);
    const type = optionalString(attachment.type, `${field}.type`, MAX_SHORT);
    return type === undefined ? { url } : { type: type.toLowerCase(), url };
}

function parseCustomFields(value: unknown): Record<string, string> {
    const fields = optionalObject(value, 'visitor.customFields') || {};
    const entries = Object.entries(fields);
    if (entries.length > MAX_CUSTOM_FIELDS) {
        throw badRequest(`visitor.customFields must have at most ${MAX_CUSTOM_FIELDS} fields`);
    }
    const parsed: Record<string, string> = {};
    for (const [key, raw] of entries) {
        const field = `visitor.customFields.${key}`;
        if (key.trim() === '' || key.length > MAX_SHORT) {
            throw badRequest(`visitor.customFields keys must be 1 to ${MAX_SHORT} characters`);
        }
        if (raw === null || raw === undefined) {
            continue;
        }
        if (typeof raw === 'number' || typeof raw === 'boolean') {
            parsed[key] = String(raw);
            continue;
        }
        if (typeof raw !== 'string') {
            throw badRequest(`${field} must be a string`);
        }
        if (raw.length > MAX_CUSTOM_FIELD_VALUE) {
            throw badRequest(`${field} must be at most ${MAX_CUSTOM_FIELD_VALUE} characters`);
        }
        parsed[key] = raw;
    }
    return parsed;
}
