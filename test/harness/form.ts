/**
 * A form body (`application/x-www-form-urlencoded`) as Rocket.Chat's router parses it for app endpoints
 * (body-parser's urlencoded with qs): bracketed keys become nested objects, so `data[Message][message]=Hi`
 * is `{data: {Message: {message: 'Hi'}}}`, and a repeated key becomes an array.
 */
export function parseNestedForm(raw: string): Record<string, unknown> {
    const body: Record<string, any> = {};
    for (const [key, value] of new URLSearchParams(raw)) {
        const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
        const path = match ? [match[1], ...(match[2].match(/\[([^[\]]*)\]/g) || []).map((part) => part.slice(1, -1))] : [key];
        let target = body;
        for (const part of path.slice(0, -1)) {
            target[part] = typeof target[part] === 'object' && target[part] !== null ? target[part] : {};
            target = target[part];
        }
        const last = path[path.length - 1];
        target[last] = last in target ? ([] as Array<unknown>).concat(target[last], value) : value;
    }
    return body;
}
