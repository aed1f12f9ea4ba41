import { isObject, JsonObject } from './validation';

/**
 * A setting an admin writes as JSON (a code setting). Its readers throw an Error whose message names the
 * problem for the admin, `source 2: "password" is required`; the setting guard keeps the previous value then.
 */
export function parseJsonSetting(text: string): unknown {
    if (!text.trim()) {
        return undefined;
    }
    try {
        return JSON.parse(text);
    } catch (error) {
        throw new Error(`it is not valid JSON${jsonErrorPosition(error)}`);
    }
}

/** Where JSON.parse failed, as ` (near character N)`: never its own message, which quotes the text (it may hold a password). */
export function jsonErrorPosition(error: unknown): string {
    const position = /position (\d+)/.exec(String((error as Error).message));
    return position ? ` (near character ${position[1]})` : '';
}

/** The fields of one entry, refusing any not in `known`: a typo ("pasword") must not pass silently. */
export function entryFields(value: unknown, where: string, known: Array<string>): JsonObject {
    if (!isObject(value)) {
        throw new Error(`${where} must be a JSON object`);
    }
    const unknown = Object.keys(value).filter((key) => !known.includes(key));
    if (unknown.length) {
        throw new Error(`${where}: unknown field "${unknown[0]}" (known: ${known.join(', ')})`);
    }
    return value;
}

/** A text field of an entry: a string, or a number taken as its decimal text; trimmed. */
export function entryText(entry: JsonObject, field: string, where: string, required: boolean): string {
    const value = entry[field];
    if (value === undefined || value === null || value === '') {
        if (required) {
            throw new Error(`${where}: "${field}" is required`);
        }
        return '';
    }
    if (typeof value === 'number' && Number.isFinite(value)) {
        return String(value);
    }
    if (typeof value !== 'string') {
        throw new Error(`${where}: "${field}" must be a string`);
    }
    return value.trim();
}

/** A JSON setting's entries, or none when it cannot be read (the setting guard refuses such values on save). */
export function entriesOrNone<T>(text: string, parse: (text: string) => Array<T>): Array<T> {
    try {
        return parse(text);
    } catch {
        return [];
    }
}
