import { isObject, JsonObject } from '../validation';

/**
 * A request body as Rocket.Chat hands it to an endpoint: JSON and form bodies already parsed (a form's
 * bracketed keys flat, `{"data[Message][message]": …}`, or nested, `{data: {Message: {message: …}}}`,
 * depending on the body parser), any other content type as text, which is read here as JSON or as a form.
 * Undefined when the body is neither.
 */
export function formOrJsonBody(content: unknown): JsonObject | undefined {
    if (isObject(content)) {
        return content;
    }
    if (typeof content !== 'string') {
        return undefined;
    }
    const text = content.trim();
    if (text.startsWith('{')) {
        try {
            const parsed: unknown = JSON.parse(text);
            return isObject(parsed) ? parsed : undefined;
        } catch {
            return undefined;
        }
    }
    return decodeForm(text);
}

/** `a=1&b=x+y` as flat fields; a repeated field keeps every value, in order. Undefined for text that is not a form. */
function decodeForm(text: string): JsonObject | undefined {
    if (!text || !/^[^=&]+=[^&]*(&[^=&]+=[^&]*)*&?$/.test(text)) {
        return undefined;
    }
    const fields: Record<string, string | Array<string>> = {};
    for (const pair of text.split('&').filter(Boolean)) {
        const equals = pair.indexOf('=');
        const name = decode(pair.slice(0, equals));
        const value = decode(pair.slice(equals + 1));
        if (name === undefined || value === undefined) {
            return undefined;
        }
        const known = fields[name];
        fields[name] = known === undefined ? value : ([] as Array<string>).concat(known, value);
    }
    return fields;
}

function decode(text: string): string | undefined {
    try {
        return decodeURIComponent(text.replace(/\+/g, ' '));
    } catch {
        return undefined;
    }
}

/**
 * A field of a bracketed form record wherever the parser put it: `data[Message][from_address]` flat, nested
 * under `data.Message`, or (a lenient gateway) plain `from_address`.
 */
export function recordField(body: JsonObject, record: Array<string>, field: string): unknown {
    const flat = `${record[0]}${record.slice(1).map((part) => `[${part}]`).join('')}[${field}]`;
    if (flat in body) {
        return body[flat];
    }
    let nested: unknown = body;
    for (const part of record) {
        nested = isObject(nested) ? nested[part] : undefined;
    }
    if (isObject(nested) && field in nested) {
        return nested[field];
    }
    return body[field];
}
