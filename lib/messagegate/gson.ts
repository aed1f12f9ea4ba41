/**
 * JSON as the gateway's Gson writes it: compact, and with `<`, `>`, `&`, `=`, `'`, U+2028 and U+2029 escaped
 * as `\uXXXX`. These characters only occur inside strings, so replacing them everywhere is exact.
 */
export function gsonJson(value: unknown): string {
    return JSON.stringify(value).replace(/[<>&='\u2028\u2029]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
