import * as crypto from 'crypto';
import * as http from 'http';
import { AddressInfo } from 'net';
import { gsonStringify } from '../harness/gson';
import { MessageGateEmulator } from '../harness/messagegate-emulator';

/** A receiver for the gateway's webhooks that keeps the raw bytes and headers. */
class Receiver {
    public readonly received: Array<{ headers: http.IncomingHttpHeaders; raw: string }> = [];
    public status = 200;
    private readonly server = http.createServer((request, response) => {
        const chunks: Array<Buffer> = [];
        request.on('data', (chunk: Buffer) => chunks.push(chunk));
        request.on('end', () => {
            this.received.push({ headers: request.headers, raw: Buffer.concat(chunks).toString('utf8') });
            response.writeHead(this.status, { 'Content-Type': 'application/json' });
            response.end(JSON.stringify({ ok: this.status < 300 }));
        });
    });

    public get url(): string {
        return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
    }

    public async start(): Promise<void> {
        await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    }

    public async stop(): Promise<void> {
        (this.server as any).closeAllConnections();
        await new Promise<void>((resolve) => this.server.close(() => resolve()));
    }
}

const hmac = (key: string, text: string) => crypto.createHmac('sha256', key).update(text, 'utf8').digest('hex');

describe('gsonStringify', () => {
    it("escapes < > & = ' and U+2028/U+2029 like Gson, drops null fields, keeps key order", () => {
        const text = gsonStringify({ z: "<b>a&b='c'\u2028\u2029</b>", a: null, m: undefined, list: [1, null], nested: { k: 'x', n: null } });
        expect(text).toBe('{"z":"\\u003cb\\u003ea\\u0026b\\u003d\\u0027c\\u0027\\u2028\\u2029\\u003c/b\\u003e","list":[1,null],"nested":{"k":"x"}}');
        expect(JSON.parse(text)).toEqual({ z: "<b>a&b='c'\u2028\u2029</b>", list: [1, null], nested: { k: 'x' } });
    });

    it('leaves other non-ASCII text raw', () => {
        expect(gsonStringify({ t: 'Hei på deg 👋' })).toBe('{"t":"Hei på deg 👋"}');
    });
});

describe('MessageGateEmulator', () => {
    let gate: MessageGateEmulator;
    let receiver: Receiver;
    const auth = { Authorization: `Basic ${Buffer.from('sms:gate-pass-1').toString('base64')}` };

    const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = auth) => {
        const response = await fetch(gate.url + path, {
            method,
            headers: { ...headers, 'Content-Type': 'application/json' },
            body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await response.text();
        return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
    };

    beforeEach(async () => {
        gate = new MessageGateEmulator();
        receiver = new Receiver();
        await Promise.all([gate.start(), receiver.start()]);
    });

    afterEach(async () => {
        await Promise.all([gate.stop(), receiver.stop()]);
    });

    describe('POST /message', () => {
        it('refuses missing or wrong credentials with 401', async () => {
            expect(await call('POST', '/message', { phoneNumbers: ['+4790000001'], textMessage: { text: 'x' } }, {})).toMatchObject({ status: 401, body: { message: 'Unauthorized' } });
            const wrong = { Authorization: `Basic ${Buffer.from('sms:nope').toString('base64')}` };
            expect((await call('POST', '/message', { phoneNumbers: ['+4790000001'], textMessage: { text: 'x' } }, wrong)).status).toBe(401);
            expect(gate.sent).toHaveLength(0);
            expect(gate.requests.map((request) => request.authorized)).toEqual([false, false]);
        });

        it('accepts with 202 and the Pending message, then 409 for the same id without recording it again', async () => {
            const request = { id: 'ticket-1-msg-1', phoneNumbers: ['+4790000001'], textMessage: { text: 'Hello' }, simNumber: 2 };
            const first = await call('POST', '/message', request);
            expect(first.status).toBe(202);
            expect(first.body).toEqual({
                id: 'ticket-1-msg-1',
                deviceId: 'emulated-device-1',
                state: 'Pending',
                isHashed: false,
                isEncrypted: false,
                recipients: [{ phoneNumber: '+4790000001', state: 'Pending' }],
                states: { Pending: expect.any(String) },
            });
            expect(await call('POST', '/messages', request)).toEqual(expect.objectContaining({ status: 409, body: { message: 'message with id ticket-1-msg-1 already exists' } }));
            expect(gate.sent).toEqual([
                { id: 'ticket-1-msg-1', phoneNumbers: ['+4790000001'], textMessage: { text: 'Hello' }, withDeliveryReport: true, simNumber: 2, acceptedAt: expect.any(String) },
            ]);
        });

        it('generates a 21-character id when none is given', async () => {
            const { status, body } = await call('POST', '/message', { phoneNumbers: ['+4790000001'], textMessage: { text: 'Hi' } });
            expect(status).toBe(202);
            expect(body.id).toMatch(/^[A-Za-z0-9_-]{21}$/);
        });

        it.each([
            ['no phoneNumbers', { textMessage: { text: 'x' } }],
            ['empty phoneNumbers', { phoneNumbers: [], textMessage: { text: 'x' } }],
            ['no text or MMS', { phoneNumbers: ['+4790000001'] }],
            ['an id over 36 characters', { id: 'x'.repeat(37), phoneNumbers: ['+4790000001'], textMessage: { text: 'x' } }],
            ['text over 65535 characters', { phoneNumbers: ['+4790000001'], textMessage: { text: 'x'.repeat(65536) } }],
        ])('answers 400 for %s', async (_, body) => {
            const response = await call('POST', '/message', body);
            expect(response.status).toBe(400);
            expect(response.body.message).toEqual(expect.any(String));
            expect(gate.sent).toHaveLength(0);
        });

        it('accepts mmsMessage in the seed build but the public build answers 400', async () => {
            const mms = { phoneNumbers: ['+4790000001'], mmsMessage: { text: 'See', attachments: [{ mimeType: 'image/png', filename: 'a.png', data: 'iVBORw0=' }] } };
            expect((await call('POST', '/message', mms)).status).toBe(202);
            await gate.stop();
            gate = new MessageGateEmulator({ build: 'public' });
            await gate.start();
            const refused = await call('POST', '/message', mms);
            expect(refused.status).toBe(400);
            expect(gate.sent).toHaveLength(0);
        });

        it('serves the message with its states, and GET of an unknown id is 404', async () => {
            await call('POST', '/message', { id: 'm1', phoneNumbers: ['+4790000001'], textMessage: { text: 'Hello' } });
            await gate.advance('m1', 'Failed', { reason: 'RESULT_ERROR_NO_SERVICE' });
            const { body } = await call('GET', '/messages/m1');
            expect(body).toMatchObject({
                id: 'm1',
                state: 'Failed',
                textMessage: { text: 'Hello' },
                recipients: [{ phoneNumber: '+4790000001', state: 'Failed', error: 'RESULT_ERROR_NO_SERVICE' }],
            });
            expect(Object.keys(body.states)).toEqual(['Pending', 'Failed']);
            expect(await call('GET', '/message/nope')).toMatchObject({ status: 404, body: { message: 'message not found' } });
        });
    });

    describe('webhooks API', () => {
        it('upserts by id, lists, deletes (204 even when unknown) and validates url and event', async () => {
            expect(await call('POST', '/webhooks', { id: 'h1', url: 'https://a.example/hook', event: 'sms:received' })).toMatchObject({
                status: 201,
                body: { id: 'h1', url: 'https://a.example/hook', event: 'sms:received', source: 'Local' },
            });
            await call('POST', '/webhooks', { id: 'h1', url: 'http://127.0.0.1:9/hook', event: 'sms:sent' });
            const generated = await call('POST', '/webhooks', { url: 'https://b.example/hook', event: 'mms:received' });
            expect(generated.body.id).toMatch(/^[A-Za-z0-9_-]{21}$/);
            expect((await call('GET', '/webhooks')).body).toEqual([
                { id: 'h1', url: 'http://127.0.0.1:9/hook', event: 'sms:sent', source: 'Local' },
                { id: generated.body.id, url: 'https://b.example/hook', event: 'mms:received', source: 'Local' },
            ]);
            expect((await call('DELETE', '/webhooks/h1')).status).toBe(204);
            expect((await call('DELETE', '/webhooks/unknown')).status).toBe(204);
            expect(gate.webhooks()).toEqual([{ id: generated.body.id, url: 'https://b.example/hook', event: 'mms:received' }]);
            expect((await call('POST', '/webhooks', { url: 'http://example.com/hook', event: 'sms:received' })).status).toBe(400);
            expect((await call('POST', '/webhooks', { url: 'https://a.example/hook', event: 'sms:bogus' })).status).toBe(400);
            expect((await call('GET', '/webhooks', undefined, {})).status).toBe(401);
        });
    });

    describe('GET /health', () => {
        it('needs no auth and answers 500 when failing', async () => {
            expect(await call('GET', '/health', undefined, {})).toMatchObject({ status: 200, body: { status: 'pass', version: '1.68.0', releaseId: 1, checks: {} } });
            gate.healthStatus = 'fail';
            expect(await call('GET', '/health', undefined, {})).toMatchObject({ status: 500, body: { status: 'fail' } });
        });
    });

    describe('GET /media', () => {
        it('serves a good token, refuses a wrong or expired one with 403, unknown 404, failed 500', async () => {
            const image = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
            const media = gate.addMedia(image, 'image/png', 'a.png');
            expect(media).toMatchObject({ mimeType: 'image/png', filename: 'a.png', size: 7, sha256: crypto.createHash('sha256').update(image).digest('hex') });
            expect(media.downloadUrl).toMatch(new RegExp(`^/media/${media.id}\\?expires=\\d+&token=[0-9a-f]{64}$`));

            const good = await fetch(gate.url + media.downloadUrl, { headers: auth });
            expect(good.status).toBe(200);
            expect(good.headers.get('content-type')).toBe('image/png');
            expect(Buffer.from(await good.arrayBuffer())).toEqual(image);

            expect((await fetch(gate.url + media.downloadUrl)).status).toBe(401);
            expect((await fetch(gate.url + media.downloadUrl.replace(/token=./, 'token=x'), { headers: auth })).status).toBe(403);
            const expired = gate.addMedia(image, 'image/png', 'old.png', -60);
            expect((await fetch(gate.url + expired.downloadUrl, { headers: auth })).status).toBe(403);
            expect((await fetch(`${gate.url}/media/unknown?expires=9999999999&token=abc`, { headers: auth })).status).toBe(404);
            gate.failMedia(media.id);
            expect((await fetch(gate.url + media.downloadUrl, { headers: auth })).status).toBe(500);
            expect(gate.mediaRequests).toHaveLength(6);
        });
    });

    describe('webhook deliveries', () => {
        it('POSTs the Gson body with a signature verifiable over body + X-Timestamp', async () => {
            await call('POST', '/webhooks', { id: 'in', url: receiver.url, event: 'sms:received' });
            const text = "a<b>&c='d'\u2028e";
            const result = await gate.receiveSms('+4790000001', text, { receivedAt: '2025-01-02T03:04:05.000+01:00' });
            expect(result.statuses).toEqual([200]);
            expect(result.bodies).toEqual([{ ok: true }]);

            const [{ headers, raw }] = receiver.received;
            expect(headers['content-type']).toBe('application/json');
            expect(Math.abs(Number(headers['x-timestamp']) - Date.now() / 1000)).toBeLessThan(5);
            expect(headers['x-signature']).toBe(hmac('sign-key-12345', raw + String(headers['x-timestamp'])));
            expect(raw).toContain('"message":"a\\u003cb\\u003e\\u0026c\\u003d\\u0027d\\u0027\\u2028e"');
            const envelope = JSON.parse(raw);
            const messageId = crypto.createHash('sha256').update(`+4790000001${text}2025-01-02T03:04:05.000+01:00`).digest('hex').slice(0, 16);
            expect(envelope).toEqual({
                id: result.envelopeId,
                webhookId: 'in',
                event: 'sms:received',
                deviceId: 'emulated-device-1',
                payload: { messageId, phoneNumber: '+4790000001', simNumber: 1, message: text, receivedAt: '2025-01-02T03:04:05.000+01:00' },
            });
            expect(Object.keys(envelope)).toEqual(['id', 'webhookId', 'event', 'deviceId', 'payload']);
        });

        it('redelivers the exact same bytes and headers', async () => {
            await call('POST', '/webhooks', { id: 'in', url: receiver.url, event: 'sms:received' });
            receiver.status = 503;
            const first = await gate.receiveSms('+4790000001', 'hi');
            receiver.status = 200;
            const again = await gate.redeliver(first.envelopeId);
            expect([first.statuses, again.statuses]).toEqual([[503], [200]]);
            const [a, b] = receiver.received;
            expect(b.raw).toBe(a.raw);
            expect([b.headers['x-timestamp'], b.headers['x-signature']]).toEqual([a.headers['x-timestamp'], a.headers['x-signature']]);
        });

        it('honours signature, timestamp and tamper overrides', async () => {
            await call('POST', '/webhooks', { id: 'ping', url: receiver.url, event: 'system:ping' });
            await gate.deliver('system:ping', { health: 'pass' }, { envelopeId: 'e1', timestamp: 1700000000, signature: null });
            await gate.deliver('system:ping', { health: 'pass' }, { tamper: (body) => body.replace('pass', 'fail') });
            expect(receiver.received[0].headers['x-signature']).toBeUndefined();
            expect(JSON.parse(receiver.received[0].raw).id).toBe('e1');
            expect(receiver.received[0].headers['x-timestamp']).toBe('1700000000');
            const tampered = receiver.received[1];
            expect(tampered.headers['x-signature']).not.toBe(hmac('sign-key-12345', tampered.raw + String(tampered.headers['x-timestamp'])));
        });

        it('sends outbound status events per recipient, sms:delivered once per part, public fields in the public build', async () => {
            await gate.stop();
            gate = new MessageGateEmulator({ build: 'public' });
            await gate.start();
            for (const event of ['sms:sent', 'sms:delivered', 'sms:failed']) {
                await call('POST', '/webhooks', { id: event, url: receiver.url, event });
            }
            await call('POST', '/message', { id: 'm1', phoneNumbers: ['+4790000001', '+4790000002'], textMessage: { text: 'Hello' } });
            expect(await gate.advance('m1', 'Processed')).toEqual([]);
            expect(await gate.advance('m1', 'Sent', { parts: 2 })).toEqual([200, 200]);
            expect(await gate.advance('m1', 'Delivered')).toEqual([200, 200, 200, 200]);
            const payloads = receiver.received.map(({ raw }) => JSON.parse(raw));
            expect(payloads[0]).toMatchObject({ event: 'sms:sent', payload: { messageId: 'm1', phoneNumber: '+4790000001', recipient: '+4790000001', simNumber: 1, partsCount: 2 } });
            expect(payloads[0].payload).not.toHaveProperty('sender');
            expect(payloads.slice(2).map((envelope) => envelope.payload.phoneNumber)).toEqual(['+4790000001', '+4790000001', '+4790000002', '+4790000002']);
            expect(new Set(payloads.map((envelope) => envelope.id)).size).toBe(6);
        });

        it('throws when no webhook is registered for the event', async () => {
            await expect(gate.receiveSms('+4790000001', 'hi')).rejects.toThrow(/no webhook is registered for sms:received/);
        });
    });

    describe('faults', () => {
        it('answers 500, hangs, and refuses connections while stopped, then comes back on the same port', async () => {
            gate.fault = 'error500';
            expect((await call('GET', '/webhooks')).status).toBe(500);
            gate.fault = 'hang';
            const abort = new AbortController();
            const timer = setTimeout(() => abort.abort(), 200);
            await expect(fetch(`${gate.url}/webhooks`, { headers: auth, signal: abort.signal })).rejects.toThrow();
            clearTimeout(timer);
            gate.fault = 'none';
            const url = gate.url;
            await gate.stop();
            await expect(fetch(`${url}/health`)).rejects.toThrow();
            await gate.start();
            expect(gate.url).toBe(url);
            expect((await call('GET', '/health')).status).toBe(200);
        });
    });
});
