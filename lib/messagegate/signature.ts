import { hmacSha256Hex } from '../crypto/sha256';
import { unauthorized } from '../errors';
import { headerValue } from '../headers';
import { secretsMatch } from '../secret';
import { gsonJson } from './gson';

export interface SignedWebhook {
    /** The body as Rocket.Chat hands it to the endpoint: parsed JSON, or text for other content types. */
    content: unknown;
    headers: Record<string, string> | undefined;
    signingKey: string;
    windowSeconds: number;
    nowMs: number;
}

/**
 * Checks a gateway webhook's `X-Signature`: lowercase hex HMAC-SHA256(signing key, body + X-Timestamp), with
 * the timestamp inside the window. Rocket.Chat hands the app a parsed body, not the bytes the phone signed,
 * so the body is re-serialised compactly in its original key order, plainly and as Gson escapes it; the
 * raw text is used when the runtime hands it over. Throws a 401 naming what is wrong.
 */
export function verifyWebhookSignature({ content, headers, signingKey, windowSeconds, nowMs }: SignedWebhook): void {
    if (!signingKey) {
        throw unauthorized('The webhook signing key is not set in the Tickets app settings');
    }
    const signature = headerValue(headers, 'x-signature');
    const timestamp = headerValue(headers, 'x-timestamp');
    if (!signature || !timestamp) {
        throw unauthorized('Missing X-Signature or X-Timestamp header: the webhook is not signed');
    }
    if (!/^\d{1,12}$/.test(timestamp.trim())) {
        throw unauthorized('X-Timestamp must be Unix time in seconds');
    }
    const skew = Math.abs(nowMs / 1000 - Number(timestamp));
    if (skew > windowSeconds) {
        throw unauthorized(`X-Timestamp is ${Math.round(skew)} s away from the server's time (at most ${windowSeconds} s): a replay, or the phone's clock is wrong`);
    }
    const presented = signature.trim().toLowerCase();
    // Every candidate is computed and compared, matching or not, so the time taken says nothing about which one matched.
    const matches = signedForms(content).map((body) => secretsMatch(presented, hmacSha256Hex(signingKey, body + timestamp.trim())));
    if (!matches.some(Boolean)) {
        throw unauthorized('Invalid webhook signature');
    }
}

function signedForms(content: unknown): Array<string> {
    if (typeof content === 'string') {
        return [content];
    }
    const plain = JSON.stringify(content);
    return plain === undefined ? [] : [plain, gsonJson(content)];
}
