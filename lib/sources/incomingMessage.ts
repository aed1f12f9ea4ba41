import { senderKey } from '../messagegate/phone';
import { formOrJsonBody, recordField } from './formBody';

/** A message a source posted to `messages/incoming`, read and checked. */
export interface IncomingMessage {
    /** Absent: the authenticated source's (a source may leave its own id out). */
    sourceId?: string;
    externalId?: string;
    /** The sender's phone number (or alphanumeric sender id), as the room is keyed by it. */
    from: string;
    text: string;
}

/** The rejection texts are Message Manager's (CakePHP validation): one `<field>: <reason>` line each. */
export type IncomingReading = { message: IncomingMessage } | { errors: Array<string>; sourceId?: string };

export const MAX_MESSAGE_LENGTH = 5000;
const MAX_ID_LENGTH = 255;
const RECORD = ['data', 'Message'];

/**
 * Reads Message Manager's parameters, `data[Message][source_id|external_id|from_address|message]`, from a
 * form or a JSON body. Every problem is reported, not only the first, so the gateway's admin fixes them at once.
 */
export function readIncomingMessage(content: unknown): IncomingReading {
    const body = formOrJsonBody(content);
    if (!body) {
        return { errors: ['data: the body must be form fields (application/x-www-form-urlencoded) or a JSON object'] };
    }
    const errors: Array<string> = [];
    const text = (field: string, maxLength: number): string | undefined => {
        const value = recordField(body, RECORD, field);
        if (value === undefined || value === null || value === '') {
            return undefined;
        }
        if (typeof value === 'number' && Number.isSafeInteger(value)) {
            return String(value);
        }
        if (typeof value !== 'string') {
            errors.push(`${field}: must be a single text value`);
        } else if (value.length > maxLength) {
            errors.push(`${field}: must be at most ${maxLength} characters`);
        } else {
            return value;
        }
        return undefined;
    };
    const sourceId = text('source_id', MAX_ID_LENGTH)?.trim() || undefined;
    const externalId = text('external_id', MAX_ID_LENGTH)?.trim() || undefined;
    const address = text('from_address', MAX_ID_LENGTH);
    const message = text('message', MAX_MESSAGE_LENGTH);
    const from = address === undefined ? undefined : senderKey(address);
    if (address === undefined && !errors.some((error) => error.startsWith('from_address:'))) {
        errors.push("from_address: the sender's phone number is required");
    } else if (address !== undefined && !from) {
        errors.push(`from_address: "${address.slice(0, 40)}" is not a phone number or an alphanumeric sender id`);
    }
    if ((message === undefined || !message.trim()) && !errors.some((error) => error.startsWith('message:'))) {
        errors.push('message: the message text is required');
    }
    if (errors.length || !from || !message) {
        return sourceId ? { errors, sourceId } : { errors };
    }
    return { message: { from, text: message, ...(sourceId ? { sourceId } : {}), ...(externalId ? { externalId } : {}) } };
}
