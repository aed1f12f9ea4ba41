import * as http from 'http';

import { selectedEngines } from '../harness/engines';
import { signWebhook } from '../harness/messagegate-emulator';
import { RapidProStandIn } from '../harness/rapidpro-standin';
import { GATEWAY_PASSWORD, SIGNING_KEY, smsRoomOf, SmsWorld } from '../harness/sms';
import { APP_SECRET, authorized } from '../harness/ticketer';
import { startBothLegs, stopBothLegs } from './bothLegs';
import { Figures, reportFigures } from './figures';

const API_TOKEN = 'f1d2c3b4a5968778695a4b3c2d1e0f9a8b7c6d5e';
const SECRETS = { 'App Secret': APP_SECRET, 'signing key': SIGNING_KEY, 'gateway password': GATEWAY_PASSWORD, 'RapidPro API token': API_TOKEN };

const figures: Array<Figures> = [];
afterAll(() => reportFigures('security', figures));

/** A POST over real HTTP to the app's public URL, as RapidPro or the phone makes it. */
function postRaw(url: string, body: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
        const request = http.request(url, { method: 'POST', headers: { 'content-length': String(Buffer.byteLength(body)), ...headers } }, (response) => {
            const chunks: Array<Buffer> = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () => resolve({ status: response.statusCode || 0, body: Buffer.concat(chunks).toString('utf8') }));
        });
        request.on('error', reject);
        request.end(body);
    });
}

describe.each(selectedEngines())('Security on $name $version', (engine) => {
    const rapidpro = new RapidProStandIn();
    let world: SmsWorld;
    const answers: Array<string> = [];
    const engineName = `${engine.name} ${engine.version}`;
    beforeAll(async () => {
        world = await startBothLegs(engine, rapidpro, 'public', { rapidpro_api_token: API_TOKEN });
    });
    afterAll(() => stopBothLegs(world, rapidpro));

    const appUrl = (path: string) => `${world.host.rc.siteUrl}/api/apps/public/${world.host.appId}/${path}`;
    const call = async (path: string, request: Parameters<SmsWorld['host']['call']>[1]) => {
        const answer = await world.host.call(path, request);
        answers.push(JSON.stringify(answer));
        return answer;
    };
    const smsTexts = (phone: string) => world.host.rc.messagesIn(smsRoomOf(world, phone).id).map((message) => message.text);

    describe('webhook signatures', () => {
        it('takes a captured webhook replayed within the time window once: the replay is answered as a duplicate', async () => {
            await world.gateway.receiveSms('+4793000001', 'only once');
            const captured = world.gateway.deliveries.slice(-1)[0];
            const replays = await Promise.all(Array.from({ length: 5 }, () => postRaw(captured.url, captured.body, captured.headers)));
            await world.host.rc.settle();
            answers.push(...replays.map((replay) => replay.body));
            expect(replays.map((replay) => [replay.status, JSON.parse(replay.body)])).toEqual(replays.map(() => [200, { status: 'duplicate' }]));
            expect(smsTexts('+4793000001').filter((text) => text === 'only once')).toHaveLength(1);
        });

        // Only what the body says counts: Rocket.Chat hands the app the parsed body, so whitespace around it cannot be checked, nor can it change anything.
        it('refuses a captured webhook whose content was changed, whatever was changed', async () => {
            await world.gateway.receiveSms('+4793000002', 'pay 10');
            const captured = world.gateway.deliveries.slice(-1)[0];
            for (const forged of [captured.body.replace('pay 10', 'pay 99'), captured.body.replace('+4793000002', '+4793000009'), captured.body.replace('{', '{"extra":1,'), captured.body.replace('"id":"', '"id":"x')]) {
                const replay = await postRaw(captured.url, forged, captured.headers);
                answers.push(replay.body);
                expect([replay.status, JSON.parse(replay.body)]).toEqual([401, { error: 'Invalid webhook signature' }]);
            }
            expect(smsTexts('+4793000002')).not.toContain('pay 99');
            expect(smsRoomOf(world, '+4793000009')).toBeUndefined();
        });

        it('refuses a correctly signed webhook that is too old (a replay from the past) or from the future', async () => {
            const now = Math.floor(Date.now() / 1000);
            for (const timestamp of [now - 301, now - 86400, now + 301, now + 86400]) {
                const result = await world.gateway.deliver('sms:received', { messageId: `old-${timestamp}`, phoneNumber: '+4793000003', message: `sent at ${timestamp}`, receivedAt: new Date().toISOString() }, { timestamp });
                answers.push(...result.bodies.map((body) => JSON.stringify(body)));
                expect({ timestamp, status: result.statuses, error: result.bodies[0].error }).toEqual({ timestamp, status: [401], error: expect.stringContaining('away from the server') });
            }
            expect(smsRoomOf(world, '+4793000003')).toBeUndefined();
        });

        it('refuses a webhook signed with another key, or not signed at all', async () => {
            const payload = { messageId: 'unsigned-1', phoneNumber: '+4793000004', message: 'forged', receivedAt: new Date().toISOString() };
            const wrongKey = await world.gateway.deliver('sms:received', payload, { signingKey: 'guessed-key' });
            const unsigned = await world.gateway.deliver('sms:received', payload, { signature: null });
            expect([wrongKey.statuses, unsigned.statuses]).toEqual([[401], [401]]);
            expect(smsRoomOf(world, '+4793000004')).toBeUndefined();
        });
    });

    describe('body size', () => {
        it('refuses a RapidPro call over 1 MiB sent over HTTP with 413, before reading it', async () => {
            const body = JSON.stringify({ visitor: { token: 'big-contact' }, text: 'x'.repeat(1024 * 1024) });
            const answer = await postRaw(appUrl('visitor-message'), body, authorized());
            answers.push(answer.body);
            expect([answer.status, JSON.parse(answer.body)]).toEqual([413, { error: `The body is ${Buffer.byteLength(body)} bytes; visitor-message takes at most 1048576 bytes` }]);
        });

        it('refuses a body over the limit even when the caller is not authenticated (size comes first)', async () => {
            const answer = await call('room', { method: 'post', headers: { 'content-length': String(5 * 1024 * 1024) }, content: {} });
            expect(answer).toMatchObject({ status: 413, content: { error: expect.stringContaining('room takes at most 1048576 bytes') } });
        });

        it('takes an MMS of several MB inline from the gateway (the webhook allows 32 MiB) and refuses one declared larger', async () => {
            const photo = Buffer.alloc(3 * 1024 * 1024, 7);
            const results = await world.gateway.receiveMms('+4793000005', { text: 'big photo', parts: [{ content: photo, mimeType: 'image/jpeg', filename: 'photo.jpg' }] });
            expect(results.map((result) => result.statuses)).toEqual([[200], [200]]);
            await world.host.rc.settle();
            const upload = [...world.host.rc.uploads.values()].find((candidate) => candidate.upload.name === 'photo.jpg');
            expect(upload?.buffer.equals(photo)).toBe(true);
            const timestamp = String(Math.floor(Date.now() / 1000));
            const declared = await call('messagegate/webhook', {
                method: 'post',
                headers: { 'content-length': String(33 * 1024 * 1024), 'x-timestamp': timestamp, 'x-signature': signWebhook(SIGNING_KEY, '{}', timestamp) },
                content: {},
            });
            expect(declared).toMatchObject({ status: 413, content: { error: expect.stringContaining('takes at most 33554432 bytes') } });
        });
    });

    describe('URLs the app will call', () => {
        const refusedUrls = ['ftp://rapidpro.example.org/cb', 'javascript:alert(1)', 'file:///etc/passwd', 'gopher://127.0.0.1:25/', 'http://user:pass@example.org/', '//example.org/'];

        it.each([['rapidpro_callback_url'], ['messagegate_url']])('keeps only http(s) URLs in %s', async (setting) => {
            const kept = world.host.setting(setting);
            for (const url of refusedUrls) {
                await world.host.setSetting(setting, url);
                expect({ url, value: world.host.setting(setting) }).toEqual({ url, value: kept });
            }
        });

        it('refuses a non-http callback URL from RapidPro with 400 naming the field', async () => {
            for (const url of refusedUrls) {
                const answer = await call('settings', { method: 'put', headers: authorized(), content: { webhook: { url } } });
                expect({ url, status: answer.status, error: answer.content.error }).toEqual({ url, status: 400, error: expect.stringContaining('webhook.url') });
            }
            expect(world.host.setting('rapidpro_callback_url')).toBe(rapidpro.callbackUrl);
        });
    });

    describe('secrets in logs and answers', () => {
        it('refuses near-miss App Secrets without echoing what was presented', async () => {
            const nearMisses = [APP_SECRET.slice(0, -1), `${APP_SECRET}A`, APP_SECRET.toLowerCase(), `${APP_SECRET.slice(0, 16)}${'A'.repeat(16)}`];
            for (const guess of nearMisses) {
                const answer = await call('secret.check', { method: 'get', headers: { authorization: `Token ${guess}` } });
                expect(answer).toEqual({ status: 401, headers: expect.anything(), content: { error: 'Invalid App Secret' } });
            }
        });

        it('writes no secret, password, signing key or token into any app log line or any answer', async () => {
            // Work that touches every secret: a ticket (API token for the history), replies by callback and by SMS.
            const room = await call('room', { method: 'post', headers: authorized(), content: { visitor: { token: 'log-contact' }, ticketID: 'log-ticket' } });
            world.host.rc.agentSends(room.content.id, world.agent, 'a reply');
            world.host.rc.agentSends(smsRoomOf(world, '+4793000001').id, world.agent, 'an SMS reply');
            await world.host.rc.settle();
            await world.host.rc.runJobsUntilIdle();
            await call('settings', { method: 'get', headers: authorized() });
            const logs = world.host.appLogText();
            const lines = logs.split('\n').length;
            const leaks = Object.entries(SECRETS).filter(([, secret]) => logs.includes(secret) || answers.some((answer) => answer.includes(secret)));
            figures.push({ check: 'secrets in app log lines and answers', engine: engineName, tried: lines + answers.length, refused: 0, lost: 0, duplicated: 0, detail: `${lines} log lines, ${answers.length} answers scanned; leaks: ${leaks.length}` });
            expect(rapidpro.handled.length).toBeGreaterThan(0);
            expect(world.gateway.sent.length).toBeGreaterThan(0);
            expect(leaks.map(([name]) => name)).toEqual([]);
        });
    });
});
