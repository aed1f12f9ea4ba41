import { authenticateTicketer, secretsMatch } from '../../lib/secret';

describe('secretsMatch', () => {
    it('accepts the same secret', () => {
        expect(secretsMatch('K7WQ2ZP9M4XRT6HC', 'K7WQ2ZP9M4XRT6HC')).toBe(true);
    });

    it.each([
        ['a different secret of the same length', 'K7WQ2ZP9M4XRT6HD'],
        ['a prefix', 'K7WQ2ZP9'],
        ['a longer one', 'K7WQ2ZP9M4XRT6HCX'],
        ['an empty one', ''],
        ['another case', 'k7wq2zp9m4xrt6hc'],
    ])('refuses %s', (_, presented) => {
        expect(secretsMatch(presented, 'K7WQ2ZP9M4XRT6HC')).toBe(false);
    });

    it('never matches an empty expected secret', () => {
        expect(secretsMatch('', '')).toBe(false);
    });

    // Constant time, shown without a clock: the work done (characters read) is the same wherever the first
    // difference is, and for a match, so a timing attacker learns nothing of how much of a guess was right.
    it('reads every character of the expected secret whether the guess differs at the start, the end, or not at all', () => {
        const expected = 'K7WQ2ZP9M4XRT6HCJ8NDV3BFLG5SYUEA';
        const readsFor = (guess: string) => {
            let reads = 0;
            const counting = (text: string) => ({ length: text.length, charCodeAt: (index: number) => (reads++, text.charCodeAt(index)) }) as unknown as string;
            const matched = secretsMatch(counting(guess), counting(expected));
            return { matched, reads };
        };
        const atStart = readsFor(`X${expected.slice(1)}`);
        const atEnd = readsFor(`${expected.slice(0, -1)}X`);
        const same = readsFor(expected);
        const shorter = readsFor('K7');
        expect([atStart.matched, atEnd.matched, same.matched, shorter.matched]).toEqual([false, false, true, false]);
        expect(new Set([atStart.reads, atEnd.reads, same.reads, shorter.reads])).toEqual(new Set([2 * expected.length]));
    });
});

describe('authenticateTicketer', () => {
    const secret = 'K7WQ2ZP9M4XRT6HCJ8NDV3BFLG5SYUEA';

    it('accepts "Token <secret>" whatever the header name case', () => {
        expect(() => authenticateTicketer({ AUTHORIZATION: `Token ${secret}` }, secret)).not.toThrow();
    });

    it.each([
        [{}, 'Missing Authorization header'],
        [{ authorization: `Basic ${secret}` }, 'must be "Token <App Secret>"'],
        [{ authorization: 'Token' }, 'must be "Token <App Secret>"'],
        [{ authorization: 'Token WRONG' }, 'Invalid App Secret'],
    ])('refuses %j with a 401 saying %s', (headers, message) => {
        expect(() => authenticateTicketer(headers as Record<string, string>, secret)).toThrow(expect.objectContaining({ status: 401, message: expect.stringContaining(message) }));
    });

    it('refuses everything while no App Secret is configured', () => {
        expect(() => authenticateTicketer({ authorization: 'Token ' }, '')).toThrow(expect.objectContaining({ status: 401, message: expect.stringContaining('not set') }));
    });
});
