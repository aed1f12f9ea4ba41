/**
 * The UTF-8 bytes of a string, a lone surrogate becoming U+FFFD as with TextEncoder. Written out because
 * the vm2 sandbox of Rocket.Chat has no TextEncoder.
 */
export function utf8Bytes(text: string): Array<number> {
    const bytes: Array<number> = [];
    for (let i = 0; i < text.length; i++) {
        // codePointAt joins a valid surrogate pair and returns a lone surrogate as is.
        let code = text.codePointAt(i) as number;
        if (code > 0xffff) {
            i++;
        } else if (code >= 0xd800 && code <= 0xdfff) {
            code = 0xfffd;
        }
        if (code < 0x80) {
            bytes.push(code);
        } else if (code < 0x800) {
            bytes.push(0xc0 | (code >> 6), 0x80 | (code & 0x3f));
        } else if (code < 0x10000) {
            bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
        } else {
            bytes.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 0x3f), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
        }
    }
    return bytes;
}

/** How many bytes `utf8Bytes(text)` would give, without making them. */
export function utf8Length(text: string): number {
    let length = 0;
    for (let i = 0; i < text.length; i++) {
        const code = text.codePointAt(i) as number;
        if (code > 0xffff) {
            i++;
            length += 4;
        } else {
            length += code < 0x80 ? 1 : code < 0x800 ? 2 : 3;
        }
    }
    return length;
}
