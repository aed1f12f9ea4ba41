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
