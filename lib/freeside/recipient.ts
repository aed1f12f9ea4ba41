import { badRequest } from '../errors';
import { JsonObject } from '../validation';

/** Where a Freeside message goes: a number in the POST content (`to`), else the customer's mobile, night or daytime phone, in that order. */
export const RECIPIENT_FIELDS = ['to', 'mobile', 'night', 'daytime'];

/** A country calling code as admins write it (`1`, `+55`, `0047`), without its `+`; undefined when it is not one. */
export function parseCallingCode(value: string): string | undefined {
    const match = /^(?:\+|00)?([1-9]\d{0,2})$/.exec(value.trim());
    return match ? match[1] : undefined;
}

/**
 * A number in E.164 (`+15551234567`): an international one as it is (`+`, or `00`), a national one with the
 * default country's code (its trunk `0` dropped; a North American `1` prefix is the country code itself).
 */
export function toE164(raw: string, callingCode: string | undefined): string | undefined {
    const compact = raw.trim().replace(/[\s().\-/]/g, '');
    let international: string | undefined;
    if (/^\+\d+$/.test(compact)) {
        international = compact;
    } else if (/^00\d+$/.test(compact)) {
        international = `+${compact.slice(2)}`;
    } else if (/^\d+$/.test(compact) && callingCode) {
        international = callingCode === '1' && /^1\d{10}$/.test(compact) ? `+${compact}` : `+${callingCode}${compact.replace(/^0+/, '')}`;
    }
    return international && /^\+[1-9]\d{6,14}$/.test(international) ? international : undefined;
}

/** The first of the recipient fields Freeside filled, as E.164; a 400 naming the field when it is not a phone number. */
export function chooseRecipient(variables: JsonObject, callingCode: string | undefined): string {
    for (const field of RECIPIENT_FIELDS) {
        const value = variables[field];
        if (value === undefined || value === null || (typeof value === 'string' && !value.trim())) {
            continue;
        }
        if (typeof value !== 'string' && typeof value !== 'number') {
            throw badRequest(`${field} must be a phone number`);
        }
        const phone = toE164(String(value), callingCode);
        if (!phone) {
            const hint = callingCode ? '' : ' (national numbers need the default country calling code in the Tickets app settings)';
            throw badRequest(`${field} "${String(value).slice(0, 40)}" is not a phone number Tickets can send to${hint}`);
        }
        return phone;
    }
    throw badRequest('The customer has no mobile, night or daytime phone number, and the POST content names no "to"');
}
