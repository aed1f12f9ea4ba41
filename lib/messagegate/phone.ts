/**
 * A phone number as the app keys conversations by it: the digits with a leading `+` kept, spaces, dots,
 * dashes and brackets dropped. Numbers are not re-written to E.164 (the gateway sends what the network
 * gave it, and a short code has no country), so the same sender always gives the same key.
 */
export function normalizePhone(raw: string): string | undefined {
    const compact = raw.trim().replace(/[\s().-]/g, '');
    return /^\+?\d{3,15}$/.test(compact) ? compact : undefined;
}

/** The visitor token of a phone number's SMS conversations: one visitor per number. */
export const smsToken = (phone: string): string => `sms-${phone.replace(/^\+/, 'p')}`;
