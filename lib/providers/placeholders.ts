/**
 * `$name$` placeholders as in Ringotel's integration files; `$$` is a literal dollar sign. Names are case
 * sensitive and may hold spaces (`$Access Key$`).
 */
const PLACEHOLDER = /\$\$|\$([^$\r\n]+)\$/g;

/** The placeholder names a text uses, in order. */
export function placeholdersIn(text: string): Array<string> {
    const names: Array<string> = [];
    text.replace(PLACEHOLDER, (whole, name?: string) => {
        if (name !== undefined) {
            names.push(name);
        }
        return whole;
    });
    return names;
}

/** The name when the whole text is one placeholder (`"$to$"`), else undefined. */
export function wholePlaceholder(text: string): string | undefined {
    const match = /^\$([^$\r\n]+)\$$/.exec(text);
    return match ? match[1] : undefined;
}

/** Whether a lone `$` is left that is neither a placeholder nor `$$` (a typo such as `$to`). */
export function hasStrayDollar(text: string): boolean {
    return text.replace(PLACEHOLDER, '').includes('$');
}

/** The text with each placeholder replaced by its value, passed through `encode` (URL-encoding in URLs and forms). */
export function fill(text: string, values: Record<string, string>, encode: (value: string, name: string) => string = (value) => value): string {
    return text.replace(PLACEHOLDER, (whole, name?: string) => (name === undefined ? '$' : encode(values[name] ?? '', name)));
}
