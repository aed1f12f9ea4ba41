import { GIVE_UP_AFTER_MS, isPastDeadline, retryDelaySeconds } from '../../lib/outbox/backoff';

describe('retryDelaySeconds', () => {
    it('doubles from 10 s after each failed attempt', () => {
        expect([1, 2, 3, 4, 5, 6].map(retryDelaySeconds)).toEqual([10, 20, 40, 80, 160, 320]);
    });

    it('never waits more than 10 minutes', () => {
        expect(retryDelaySeconds(7)).toBe(600);
        expect(retryDelaySeconds(1000)).toBe(600);
    });
});

describe('isPastDeadline', () => {
    const createdAt = '2026-01-01T00:00:00.000Z';

    it('keeps trying for 24 hours', () => {
        expect(isPastDeadline(createdAt, Date.parse(createdAt) + GIVE_UP_AFTER_MS - 1)).toBe(false);
    });

    it('gives up after 24 hours', () => {
        expect(isPastDeadline(createdAt, Date.parse(createdAt) + GIVE_UP_AFTER_MS)).toBe(true);
    });

    it('never stops an item that has not failed yet', () => {
        expect(isPastDeadline(undefined, Date.parse(createdAt) + 10 * GIVE_UP_AFTER_MS)).toBe(false);
    });
});
