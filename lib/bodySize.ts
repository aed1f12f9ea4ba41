import { utf8Length } from './crypto/utf8';
import { badRequest, payloadTooLarge } from './errors';
import { headerValue } from './headers';

/** What a route takes unless it says otherwise: RapidPro's calls carry text and links, never file bytes. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/**
 * Refuses a body larger than the route takes (413), before anything reads it. The size is the Content-Length
 * Rocket.Chat passes on; without one, the size of the parsed body written back as JSON, which is as large
 * as the text it was read from, give or take whitespace.
 */
export function refuseOversizedBody(path: string, headers: Record<string, string> | undefined, content: unknown, limit: number): void {
    const declared = (headerValue(headers, 'content-length') || '').trim();
    const size = /^\d{1,15}$/.test(declared) ? Number(declared) : measuredBytes(content);
    if (size > limit) {
        throw payloadTooLarge(`The body is ${size} bytes; ${path} takes at most ${limit} bytes`);
    }
}

function measuredBytes(content: unknown): number {
    if (content === undefined || content === null) {
        return 0;
    }
    if (typeof content === 'string') {
        return utf8Length(content);
    }
    let text: string | undefined;
    try {
        text = JSON.stringify(content);
    } catch {
        // JSON.stringify only throws here for nesting deeper than the stack allows.
        throw badRequest('The body is nested too deeply to be read');
    }
    return text === undefined ? 0 : utf8Length(text);
}
