import { parseSessionStart } from '../../lib/rapidpro/sessionStart';

describe('parseSessionStart', () => {
    it.each([
        ['2020-07-17T10:28:00Z', '2020-07-17T10:28:00.000Z'],
        ['2020-07-17T10:28:00.123456789Z', '2020-07-17T10:28:00.123Z'],
        ['2020-07-17T10:28:00-03:00', '2020-07-17T13:28:00.000Z'],
        ['2020-07-17T10:28:00+0530', '2020-07-17T04:58:00.000Z'],
        ['2020-07-17 10:28', '2020-07-17T10:28:00.000Z'],
    ])('reads %s as %s', (input, iso) => {
        expect(parseSessionStart(input)).toBe(iso);
    });

    it('leaves an absent value absent', () => {
        expect(parseSessionStart(undefined)).toBeUndefined();
    });

    it.each(['yesterday', '2020-07-17', '17/07/2020 10:28'])('refuses %s as not RFC 3339', (input) => {
        expect(() => parseSessionStart(input)).toThrow(expect.objectContaining({ status: 400, message: expect.stringContaining('RFC 3339') }));
    });

    it.each(['2020-02-30T10:00:00Z', '2020-07-17T25:00:00Z', '2020-07-17T10:61:00Z'])('refuses the impossible date-time %s', (input) => {
        expect(() => parseSessionStart(input)).toThrow(expect.objectContaining({ status: 400, message: 'sessionStart is not a valid date-time' }));
    });
});
