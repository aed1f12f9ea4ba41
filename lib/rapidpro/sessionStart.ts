import { badRequest } from '../errors';

// RFC 3339 as mailroom writes it, plus the "2020-07-17 10:28" form of the original app's README (taken as UTC).
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*([Zz]|[+-]\d{2}:?\d{2})?$/;

/** `sessionStart` as an ISO 8601 UTC string, or a 400 naming the field. */
export function parseSessionStart(value: string | undefined): string | undefined {
    if (value === undefined) {
        return undefined;
    }
    const match = DATE_TIME.exec(value);
    if (!match) {
        throw badRequest('sessionStart must be an RFC 3339 date-time, e.g. 2020-07-17T10:28:00Z');
    }
    const [, year, month, day, hour, minute, second = '0', fraction = '', zone = 'Z'] = match;
    const milliseconds = Math.round(Number(`0${fraction}`) * 1000);
    const local = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second), milliseconds);
    const check = new Date(local);
    if (
        check.getUTCFullYear() !== Number(year) ||
        check.getUTCMonth() !== Number(month) - 1 ||
        check.getUTCDate() !== Number(day) ||
        Number(hour) > 23 ||
        Number(minute) > 59 ||
        Number(second) > 60
    ) {
        throw badRequest('sessionStart is not a valid date-time');
    }
    return new Date(local - offsetMinutes(zone) * 60000).toISOString();
}

function offsetMinutes(zone: string): number {
    if (zone.toUpperCase() === 'Z') {
        return 0;
    }
    const digits = zone.replace(':', '');
    const sign = digits.startsWith('-') ? -1 : 1;
    return sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
}
