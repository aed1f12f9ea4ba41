import { badRequest } from './errors';

/**
 * Small readers for untrusted JSON: each names the offending field in its error (`visitor.token is required`).
 */
export type JsonObject = Record<string, unknown>;

export const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

export function requireObject(value: unknown, field: string): JsonObject {
    if (value === undefined || value === null) {
        throw badRequest(`${field} is required`);
    }
    if (!isObject(value)) {
        throw badRequest(`${field} must be a JSON object`);
    }
    return value;
}

export function optionalObject(value: unknown, field: string): JsonObject | undefined {
    return value === undefined || value === null ? undefined : requireObject(value, field);
}

/** Text kept exactly as sent (a message's whitespace is the sender's); empty counts as absent. */
export function optionalText(value: unknown, field: string, maxLength: number): string | undefined {
    if (value === undefined || value === null || value === '') {
        return undefined;
    }
    if (typeof value !== 'string') {
        throw badRequest(`${field} must be a string`);
    }
    if (value.length > maxLength) {
        throw badRequest(`${field} must be at most ${maxLength} characters`);
    }
    return value;
}

/** A string of at most maxLength characters, trimmed; blank counts as absent. */
export function optionalString(value: unknown, field: string, maxLength: number): string | undefined {
    const text = optionalText(value, field, maxLength);
    return text === undefined ? undefined : text.trim() || undefined;
}

export function requireString(value: unknown, field: string, maxLength: number): string {
    const text = optionalString(value, field, maxLength);
    if (text === undefined) {
        throw badRequest(`${field} is required`);
    }
    return text;
}

/** RapidPro ids arrive as strings; a number is taken as its decimal string. */
export function requireId(value: unknown, field: string, maxLength: number): string {
    if (typeof value === 'number' && Number.isSafeInteger(value)) {
        return String(value);
    }
    return requireString(value, field, maxLength);
}

export function optionalArray(value: unknown, field: string, maxItems: number): Array<unknown> {
    if (value === undefined || value === null) {
        return [];
    }
    if (!Array.isArray(value)) {
        throw badRequest(`${field} must be an array`);
    }
    if (value.length > maxItems) {
        throw badRequest(`${field} must have at most ${maxItems} items`);
    }
    return value;
}
