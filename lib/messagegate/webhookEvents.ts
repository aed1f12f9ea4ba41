import { badRequest } from '../errors';
import { JsonObject, optionalArray, optionalString, optionalText, requireObject, requireString } from '../validation';
import { senderKey } from './phone';

/** States of an outbound message, as the gateway names them. */
export type GatewayState = 'Pending' | 'Processed' | 'Sent' | 'Delivered' | 'Failed' | 'Cancelling' | 'Cancelled';

/** A part of an MMS the gateway stored: fetched from its signed `/media` path (seed build). */
export interface MediaLink {
    filename: string;
    mimeType: string;
    size?: number;
    downloadUrl?: string;
}

/** A part of an MMS carried inline, base64 (public build's `mms:downloaded`). */
export interface InlinePart {
    filename: string;
    mimeType: string;
    data: string;
}

interface Inbound {
    envelopeId: string;
    phone: string;
    receivedAt: string;
}

export type GatewayEvent =
    | (Inbound & { kind: 'sms'; text: string })
    | (Inbound & { kind: 'mms'; transactionId: string; text: string; links: Array<MediaLink>; parts: Array<InlinePart> })
    | { kind: 'status'; envelopeId: string; messageId: string; state: GatewayState; reason?: string }
    | { kind: 'ignored'; envelopeId: string; event: string };

const MAX_TEXT = 65535;
const MAX_PARTS = 50;

/** What the app does with each event; any other event (ping, app started, a new kind) is acknowledged and ignored. */
const statusOfEvent: Record<string, GatewayState> = {
    'sms:sent': 'Sent',
    'sms:delivered': 'Delivered',
    'sms:failed': 'Failed',
    'sms:cancelled': 'Cancelled',
};

/** Reads a webhook envelope `{id, webhookId, event, deviceId, payload}`; a 400 names the field that is wrong. */
export function parseGatewayEvent(body: JsonObject): GatewayEvent {
    const envelopeId = requireString(body.id, 'id', 200);
    const event = requireString(body.event, 'event', 100);
    const payload = requireObject(body.payload, 'payload');
    if (event === 'sms:received') {
        return { kind: 'sms', envelopeId, ...inbound(payload), text: optionalText(payload.message, 'payload.message', MAX_TEXT) || '' };
    }
    if (event === 'mms:received' || event === 'mms:downloaded') {
        const links = optionalArray(payload.attachments, 'payload.attachments', MAX_PARTS);
        const mms = {
            kind: 'mms' as const,
            envelopeId,
            ...inbound(payload),
            transactionId: optionalString(payload.transactionId, 'payload.transactionId', 200) || optionalString(payload.messageId, 'payload.messageId', 200) || envelopeId,
            text: [optionalString(payload.subject, 'payload.subject', 1000), optionalText(payload.body, 'payload.body', MAX_TEXT)].filter(Boolean).join('\n'),
        };
        if (event === 'mms:downloaded') {
            return { ...mms, links: [], parts: links.map((part, index) => inlinePart(part, `payload.attachments[${index}]`)) };
        }
        // The public build's mms:received is only a notice, without attachments: the content follows in mms:downloaded.
        if (!Array.isArray(payload.attachments)) {
            return { kind: 'ignored', envelopeId, event };
        }
        return { ...mms, links: links.map((link, index) => mediaLink(link, `payload.attachments[${index}]`)), parts: [] };
    }
    const state = statusOfEvent[event];
    if (state) {
        const messageId = requireString(payload.messageId, 'payload.messageId', 100);
        // Older clients name the failure `error`.
        const reason = optionalString(payload.reason, 'payload.reason', 1000) || optionalString(payload.error, 'payload.error', 1000);
        return reason ? { kind: 'status', envelopeId, messageId, state, reason } : { kind: 'status', envelopeId, messageId, state };
    }
    return { kind: 'ignored', envelopeId, event };
}

function inbound(payload: JsonObject): Omit<Inbound, 'envelopeId'> {
    const raw = requireString(payload.phoneNumber, 'payload.phoneNumber', 50);
    const phone = senderKey(raw);
    if (!phone) {
        throw badRequest(`payload.phoneNumber "${raw}" is neither a phone number nor a sender id`);
    }
    return { phone, receivedAt: optionalString(payload.receivedAt, 'payload.receivedAt', 100) || '' };
}

function mediaLink(value: unknown, field: string): MediaLink {
    const link = requireObject(value, field);
    const size = Number(link.size);
    return {
        filename: optionalString(link.filename, `${field}.filename`, 255) || optionalString(link.id, `${field}.id`, 200) || 'attachment',
        mimeType: optionalString(link.mimeType, `${field}.mimeType`, 255) || 'application/octet-stream',
        size: Number.isFinite(size) && size >= 0 ? size : undefined,
        downloadUrl: optionalString(link.downloadUrl, `${field}.downloadUrl`, 4000),
    };
}

function inlinePart(value: unknown, field: string): InlinePart {
    const part = requireObject(value, field);
    const data = optionalString(part.data, `${field}.data`, Number.MAX_SAFE_INTEGER);
    if (data === undefined || !/^[A-Za-z0-9+/=\s]*$/.test(data)) {
        throw badRequest(`${field}.data must be base64`);
    }
    return {
        filename: optionalString(part.name, `${field}.name`, 255) || 'attachment',
        mimeType: optionalString(part.contentType, `${field}.contentType`, 255) || 'application/octet-stream',
        data,
    };
}
