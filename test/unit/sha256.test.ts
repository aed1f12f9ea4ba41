import { createHash, createHmac } from 'crypto';
import * as CryptoJS from 'crypto-js';
import { hmacSha256, hmacSha256Hex, sha256 } from '../../lib/crypto/sha256';
import { utf8Bytes } from '../../lib/crypto/utf8';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const nodeHmac = (key: string, message: string): string => createHmac('sha256', key).update(message).digest('hex');
const cryptoJsHmac = (key: string, message: string): string => CryptoJS.HmacSHA256(message, key).toString(CryptoJS.enc.Hex);

/** A deterministic generator (mulberry32), so a failing "random" body can be reproduced. */
function seededRandom(seed: number): () => number {
    let state = seed;
    return () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = Math.imul(state ^ (state >>> 15), state | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 0x100000000;
    };
}

function randomJsonBody(): string {
    const random = seededRandom(4231);
    const characters = Array.from('abcdefghijklmnopqrstuvwxyz ABC0123456789"\\/\n\té日本🙂\u2028');
    const pick = (length: number): string => Array.from({ length }, () => characters[Math.floor(random() * characters.length)]).join('');
    const messages = Array.from({ length: 150 }, (_, i) => ({ id: i, urn: `tel:+2507${Math.floor(random() * 1e8)}`, text: pick(Math.floor(random() * 80)), seen: random() < 0.5 }));
    return JSON.stringify({ ticket: { uuid: 'e5e2a1b4-32d8-4a85-8f36-7c9ad2d2e0b1', messages } });
}

describe('sha256', () => {
    it.each([
        ['the empty string', '', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
        ['"abc"', 'abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
        ['the two-block FIPS example', 'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
    ])('gives the FIPS 180-4 digest of %s', (_, text, digest) => {
        expect(hex(sha256(utf8Bytes(text)))).toBe(digest);
    });

    it('agrees with Node for every length from 0 to 200 bytes, across the padding edges', () => {
        for (let length = 0; length <= 200; length++) {
            const bytes = Array.from({ length }, (_, i) => (i * 37 + length) & 0xff);
            expect(hex(sha256(bytes))).toBe(createHash('sha256').update(Buffer.from(bytes)).digest('hex'));
        }
    });
});

describe('hmacSha256 on bytes', () => {
    const bytes = (length: number, byte: number): Array<number> => new Array(length).fill(byte);
    const ascii = (text: string): Array<number> => Array.from(Buffer.from(text, 'latin1'));

    it.each([
        ['1', bytes(20, 0x0b), ascii('Hi There'), 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7'],
        ['2', ascii('Jefe'), ascii('what do ya want for nothing?'), '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843'],
        ['4', Array.from({ length: 25 }, (_, i) => i + 1), bytes(50, 0xcd), '82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b'],
        ['6 (131-byte key)', bytes(131, 0xaa), ascii('Test Using Larger Than Block-Size Key - Hash Key First'), '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54'],
        [
            '7 (131-byte key)',
            bytes(131, 0xaa),
            ascii('This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.'),
            '9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2',
        ],
    ])('gives the RFC 4231 digest of test case %s, as Node and crypto-js do', (_, key, message, digest) => {
        expect(hex(hmacSha256(key, message))).toBe(digest);
        expect(createHmac('sha256', Buffer.from(key)).update(Buffer.from(message)).digest('hex')).toBe(digest);
        const wordArray = (data: Array<number>) => CryptoJS.enc.Hex.parse(Buffer.from(data).toString('hex'));
        expect(CryptoJS.HmacSHA256(wordArray(message), wordArray(key)).toString(CryptoJS.enc.Hex)).toBe(digest);
    });
});

describe('hmacSha256Hex', () => {
    const key = 'K7WQ2ZP9M4XRT6HCJ8NDV3BFLG5SYUEA';

    const expectAsNodeAndCryptoJs = (hmacKey: string, message: string): void => {
        const digest = hmacSha256Hex(hmacKey, message);
        expect(digest).toBe(nodeHmac(hmacKey, message));
        expect(digest).toBe(cryptoJsHmac(hmacKey, message));
    };

    it.each([
        ['1', '\x0b'.repeat(20), 'Hi There', 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7'],
        ['2', 'Jefe', 'what do ya want for nothing?', '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843'],
    ])('gives the RFC 4231 digest of test case %s from strings', (_, hmacKey, message, digest) => {
        expect(hmacSha256Hex(hmacKey, message)).toBe(digest);
    });

    it('writes 64 lowercase hex characters', () => {
        expect(hmacSha256Hex(key, 'payload')).toMatch(/^[0-9a-f]{64}$/);
    });

    it('signs an empty message', () => {
        expectAsNodeAndCryptoJs(key, '');
    });

    it('accepts an empty key', () => {
        expectAsNodeAndCryptoJs('', 'payload');
    });

    it.each([55, 56, 63, 64, 65, 119, 120, 1000])('signs a %i-byte message', (length) => {
        expectAsNodeAndCryptoJs(key, 'x'.repeat(length));
    });

    it.each([63, 64])('uses a %i-byte key as it is', (length) => {
        expectAsNodeAndCryptoJs('k'.repeat(length), 'payload');
    });

    it.each([65, 131])('hashes a %i-byte key first, as it is longer than a 64-byte block', (length) => {
        expectAsNodeAndCryptoJs('k'.repeat(length), 'payload');
    });

    it.each([
        ['é', 'café crème'],
        ['CJK', '日本語のチケット'],
        ['an emoji surrogate pair', 'thanks 🙂👍🏽'],
        ['U+2028', 'line\u2028separator'],
    ])('encodes %s in the message as UTF-8', (_, message) => {
        expectAsNodeAndCryptoJs(key, message);
    });

    it('encodes a non-ASCII key as UTF-8, counting its bytes, not its characters, against the block size', () => {
        // 28 UTF-16 code units but 70 bytes: hashed first.
        expectAsNodeAndCryptoJs('日本🙂'.repeat(7), 'payload');
    });

    it.each([
        ['a lone high surrogate', 'a\ud83dz'],
        ['a lone low surrogate', 'a\ude42z'],
        ['a reversed pair', '\ude42\ud83d'],
        ['a high surrogate at the end', 'end\ud83d'],
    ])('replaces %s by U+FFFD, as Node does', (_, message) => {
        expect(hmacSha256Hex(key, message)).toBe(nodeHmac(key, message));
        expect(hmacSha256Hex(key, message)).toBe(hmacSha256Hex(key, message.replace(/[\ud800-\udfff]/g, '\ufffd')));
    });

    it('signs a long JSON body', () => {
        const body = randomJsonBody();
        expect(body.length).toBeGreaterThan(5000);
        expectAsNodeAndCryptoJs(key, body);
    });
});

describe('utf8Bytes', () => {
    it.each([
        ['nothing', ''],
        ['ASCII', 'ascii'],
        ['two-byte characters', 'é\u0080\u07ff'],
        ['three-byte characters', '日本\u0800\u2028\uffff'],
        ['four-byte surrogate pairs', '🙂\u{10000}\u{10ffff}'],
        ['lone surrogates as U+FFFD', 'a\ud83dz\ude42\ude42\ud83d'],
    ])('encodes %s as Node does', (_, text) => {
        expect(utf8Bytes(text)).toEqual(Array.from(Buffer.from(text, 'utf8')));
    });
});
