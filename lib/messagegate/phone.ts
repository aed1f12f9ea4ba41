/**
 * A phone number as the app keys conversations by it: the digits with a leading `+` kept, spaces, dots,
 * dashes and brackets dropped. Numbers are not re-written to E.164 (the gateway sends what the network
 * gave it, and a short code has no country), so the same sender always gives the same key.
 */
export function normalizePhone(raw: string): string | undefined {
    const compact = raw.trim().replace(/[\s().-]/g, '');
    return /^\+?\d{3,15}$/.test(compact) ? compact : undefined;
}

/**
 * Who an inbound SMS is from: a phone number, or an alphanumeric sender id (a bank, a service: up to 11
 * letters and digits), which gets its room too, so its message is not lost, though it cannot be answered.
 */
export function senderKey(raw: string): string | undefined {
    const alphanumeric = raw.trim();
    return normalizePhone(raw) || (/^(?=.*[A-Za-z])[A-Za-z0-9][A-Za-z0-9 .&-]{0,10}$/.test(alphanumeric) ? alphanumeric : undefined);
}

/**
 * The visitor token of a sender's SMS conversations: one visitor per number (or sender id). Two senders never
 * share one: a number is `p<digits>` (its `+` as `p`) or `<digits>`, a sender id is `id-` and its letters,
 * digits and dashes, any other character written `_<hex code>`.
 */
export const smsToken = (sender: string): string => `sms-${senderTokenPart(sender)}`;

/** The sender's part of a visitor token, shared by every kind of SMS conversation. */
export function senderTokenPart(sender: string): string {
    if (normalizePhone(sender) === sender) {
        return sender.replace(/^\+/, 'p');
    }
    return `id-${sender.replace(/[^A-Za-z0-9-]/g, (character) => `_${character.charCodeAt(0).toString(16).padStart(4, '0')}`)}`;
}
