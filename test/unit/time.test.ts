import { timeOf } from '../../lib/time';

describe('timeOf', () => {
    it('keeps the milliseconds of a Date', () => {
        expect(timeOf(new Date('2026-11-23T10:00:00.123Z'))).toBe(Date.parse('2026-11-23T10:00:00.123Z'));
    });

    it('reads ISO text', () => {
        expect(timeOf('2026-11-23T10:00:00.456Z')).toBe(Date.parse('2026-11-23T10:00:00.456Z'));
    });

    it('reads a Date-like object by its getTime, as vm2 hands over dates of another realm', () => {
        expect(timeOf({ getTime: () => 42 } as unknown as Date)).toBe(42);
    });

    it('falls back to now for a missing or unreadable value', () => {
        const before = Date.now();
        expect(timeOf(undefined)).toBeGreaterThanOrEqual(before);
        expect(timeOf('not a date')).toBeGreaterThanOrEqual(before);
    });
});
