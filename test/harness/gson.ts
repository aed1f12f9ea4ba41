/**
 * JSON the way the phone's Gson writes it, so tests see the exact bytes the gateway signs and sends:
 * compact, keys in the order they were built, null fields left out, and Gson's HTML-safe escapes.
 */

// Gson's default HTML-safe mode escapes these; U+2028/U+2029 it escapes always (they break JavaScript).
const GSON_ESCAPED = /[<>&='\u2028\u2029]/g;

/** Serialises like `Gson().toJson(value)` (nulls omitted from objects; kept inside arrays, as Gson does). */
export function gsonStringify(value: unknown): string {
    const compact = JSON.stringify(dropNullFields(value));
    if (compact === undefined) {
        throw new Error('gsonStringify: nothing to serialise');
    }
    // Safe on the whole text: these characters can only occur inside strings (keys or values) of compact JSON.
    return compact.replace(GSON_ESCAPED, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Copies the value without null/undefined object fields, honouring toJSON (Dates) like JSON.stringify. */
function dropNullFields(value: unknown): unknown {
    if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
        return dropNullFields((value as { toJSON: () => unknown }).toJSON());
    }
    if (Array.isArray(value)) {
        return value.map((item) => (item === undefined ? null : dropNullFields(item)));
    }
    if (value !== null && typeof value === 'object') {
        const copy: Record<string, unknown> = {};
        for (const [key, field] of Object.entries(value)) {
            if (field !== null && field !== undefined) {
                copy[key] = dropNullFields(field);
            }
        }
        return copy;
    }
    return value;
}
