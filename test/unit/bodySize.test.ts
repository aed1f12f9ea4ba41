import { DEFAULT_MAX_BODY_BYTES, refuseOversizedBody } from '../../lib/bodySize';
import { utf8Bytes, utf8Length } from '../../lib/crypto/utf8';
import { HttpError } from '../../lib/errors';

const refusal = (run: () => void): HttpError | undefined => {
    try {
        run();
        return undefined;
    } catch (error) {
        return error as HttpError;
    }
};

describe('refuseOversizedBody', () => {
    it('takes a body of exactly the limit and refuses one byte more with 413, naming both sizes', () => {
        expect(refusal(() => refuseOversizedBody('room', {}, 'x'.repeat(100), 100))).toBeUndefined();
        const error = refusal(() => refuseOversizedBody('room', {}, 'x'.repeat(101), 100));
        expect(error).toMatchObject({ status: 413, message: 'The body is 101 bytes; room takes at most 100 bytes' });
    });

    it('measures a parsed body as its JSON text in UTF-8 bytes', () => {
        const body = { text: 'ø'.repeat(50) };
        const size = utf8Length(JSON.stringify(body));
        expect(size).toBe(111);
        expect(refusal(() => refuseOversizedBody('visitor-message', undefined, body, size))).toBeUndefined();
        expect(refusal(() => refuseOversizedBody('visitor-message', undefined, body, size - 1))).toMatchObject({ status: 413 });
    });

    it('believes a numeric Content-Length, whatever the case of its name', () => {
        expect(refusal(() => refuseOversizedBody('room', { 'Content-Length': '5000' }, {}, 4096))).toMatchObject({ status: 413, message: expect.stringContaining('5000 bytes') });
        expect(refusal(() => refuseOversizedBody('room', { 'content-length': '10' }, {}, 4096))).toBeUndefined();
    });

    it('measures the body when Content-Length is empty, negative or not a number, so a bad header cannot hide a large body', () => {
        const large = 'x'.repeat(200);
        for (const header of ['', '-1', 'abc', '1e2', '12.5']) {
            expect(refusal(() => refuseOversizedBody('room', { 'content-length': header }, large, 100))).toMatchObject({ status: 413 });
        }
    });

    it('counts an absent body as empty', () => {
        expect(refusal(() => refuseOversizedBody('secret.check', {}, undefined, 0))).toBeUndefined();
        expect(refusal(() => refuseOversizedBody('secret.check', {}, null, 0))).toBeUndefined();
    });

    it('refuses a body nested deeper than can be read with 400, not an exception', () => {
        let deep: unknown = 'leaf';
        for (let i = 0; i < 200000; i++) {
            deep = [deep];
        }
        expect(refusal(() => refuseOversizedBody('room', {}, deep, DEFAULT_MAX_BODY_BYTES))).toMatchObject({ status: 400, message: 'The body is nested too deeply to be read' });
    });
});

describe('utf8Length', () => {
    it.each([['plain ascii'], ['æøå'], ['€ and 中文'], ['emoji 😀👍🏽'], ['lone \ud800 surrogate'], ['']])('counts the bytes utf8Bytes makes of %j', (text) => {
        expect(utf8Length(text)).toBe(utf8Bytes(text).length);
        expect(utf8Length(text)).toBe(Buffer.byteLength(text, 'utf8'));
    });
});
