import { selectedEngines } from '../harness/engines';
import { APP_SECRET, authorized, startTicketer, stopTicketer, TicketerWorld } from '../harness/ticketer';
import { expectError } from './expectations';
import { roomRequest } from './fixtures';

const endpoints = ['secret.check', 'settings', 'room', 'room.close', 'visitor-message'];

describe.each(selectedEngines())('ticketer authentication and methods on $name $version', (engine) => {
    let world: TicketerWorld;
    beforeAll(async () => {
        world = await startTicketer(engine);
    });
    afterAll(() => stopTicketer(world));

    it('answers secret.check with 204 and no body for the right secret', async () => {
        const answer = await world.host.call('secret.check', { method: 'get', headers: authorized() });
        expect(answer.status).toBe(204);
        expect(answer.content).toBeUndefined();
    });

    it('accepts a Content-Type with parameters and a lower-case scheme', async () => {
        const answer = await world.host.call('secret.check', {
            method: 'get',
            headers: { authorization: `token ${APP_SECRET}`, 'content-type': 'application/json; charset=utf-8' },
        });
        expect(answer.status).toBe(204);
    });

    it.each(endpoints)('refuses %s with a wrong secret: 401 {"error"}', async (path) => {
        const answer = await world.host.call(path, { method: path === 'visitor-message' ? 'post' : 'get', headers: authorized('WRONGSECRET2345678ABCDEFGHJKLMNP'), content: roomRequest() });
        expectError(answer, 401, 'Invalid App Secret');
    });

    it('refuses a missing Authorization header, naming the expected form', async () => {
        const answer = await world.host.call('secret.check', { method: 'get', headers: { 'Content-Type': 'application/json' } });
        expectError(answer, 401, 'Token <App Secret>');
    });

    it('refuses another authorization scheme', async () => {
        const answer = await world.host.call('secret.check', { method: 'get', headers: { Authorization: `Bearer ${APP_SECRET}` } });
        expectError(answer, 401, 'must be "Token <App Secret>"');
    });

    it('refuses a secret that is only a prefix of the App Secret', async () => {
        const answer = await world.host.call('secret.check', { method: 'get', headers: authorized(APP_SECRET.slice(0, 31)) });
        expectError(answer, 401, 'Invalid App Secret');
    });

    it.each(endpoints)('refuses %s while the App Secret is not set, saying so', async (path) => {
        await world.host.setSetting('app_secret', '');
        try {
            for (const headers of [authorized(''), authorized()]) {
                const answer = await world.host.call(path, { method: path === 'visitor-message' ? 'post' : 'get', headers, content: roomRequest() });
                expectError(answer, 401, 'App Secret is not set');
            }
        } finally {
            await world.host.setSetting('app_secret', APP_SECRET);
        }
    });

    it('authenticates before anything else: a wrong method without the secret is a 401', async () => {
        expectError(await world.host.call('room', { method: 'delete', headers: authorized('WRONGSECRET2345678ABCDEFGHJKLMNP') }), 401, 'Invalid App Secret');
    });

    it.each([
        ['secret.check', 'post', 'GET'],
        ['settings', 'post', 'PUT, GET'],
        ['room', 'delete', 'GET, POST'],
        ['room.close', 'put', 'GET, POST'],
        ['visitor-message', 'get', 'POST'],
    ])('answers %s with %s by 405 naming the allowed methods', async (path, method, allowed) => {
        const answer = await world.host.call(path, { method, headers: authorized(), content: {} });
        expectError(answer, 405, `use ${allowed}`);
    });


    /** Refusals, callback URL changes, a failing then refused reply, and a history that cannot be loaded. */
    async function provokeEveryLogPath() {
        await world.host.call('secret.check', { method: 'get', headers: authorized('WRONGSECRET2345678ABCDEFGHJKLMNP') });
        await world.host.call('settings', { method: 'put', headers: authorized(), content: { webhook: { url: `${world.rapidpro.callbackUrl}?token=${APP_SECRET}` } } });
        const roomId = (await world.host.call('room', { method: 'get', headers: authorized(), content: roomRequest('9000') })).content.id;
        world.rapidpro.queueReplies({ status: 500, body: { error: 'down' } }, { status: 401, body: { status: 'unauthorized' } });
        world.host.rc.agentSends(roomId, world.agent, 'hello');
        await world.host.waitFor('a scheduled retry', () => world.host.rc.jobs.some((job) => job.data.itemId));
        await world.host.rc.runJobsUntilIdle();
        await world.host.call('settings', { method: 'put', headers: authorized(), content: { webhook: { url: world.rapidpro.callbackUrl } } });
    }

    it('never writes a secret into the app log, through refusals, settings, deliveries and the history', async () => {
        await world.host.setSetting('rapidpro_api_token', world.rapidpro.apiToken);
        world.rapidpro.apiStatus = 500;
        try {
            await provokeEveryLogPath();
        } finally {
            world.rapidpro.apiStatus = 200;
            await world.host.setSetting('rapidpro_api_token', '');
        }
        // The app's own lines: the engine's debug lines echo whole requests, headers included.
        const appLines = world.host.logs
            .flatMap((entry) => entry.entries)
            .filter((item) => item.severity !== 'debug')
            .map((item) => JSON.stringify(item.args))
            .join('\n');
        expect(appLines).toContain('Invalid App Secret');
        expect(appLines).toContain('Gave up on agent-message');
        expect(appLines).toContain('Gave up loading the history');
        expect(appLines).not.toContain(world.rapidpro.apiToken);
        expect(appLines).not.toContain(APP_SECRET);
        expect(appLines).not.toContain('WRONGSECRET2345678ABCDEFGHJKLMNP');
    });
});
