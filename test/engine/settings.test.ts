import { selectedEngines } from '../harness/engines';
import { authorized, startTicketer, stopTicketer, TicketerWorld } from '../harness/ticketer';
import { expectError } from './expectations';

describe.each(selectedEngines())('settings on $name $version', (engine) => {
    let world: TicketerWorld;
    beforeAll(async () => {
        world = await startTicketer(engine);
    });
    afterAll(() => stopTicketer(world));

    const put = (content: unknown) => world.host.call('settings', { method: 'put', headers: authorized(), content });
    const newUrl = 'https://rapidpro.example.org/mr/tickets/types/rocketchat/event_callback/2f6c1a3e-7d1b-4c52-9a0e-5b8f3c2d1e0f';

    it('stores the webhook URL of the contract body, answers exactly 204, and shows it in the admin setting', async () => {
        const answer = await put({ webhook: { url: newUrl } });
        expect(answer).toEqual(expect.objectContaining({ status: 204 }));
        expect(answer.content).toBeUndefined();
        expect(world.host.setting('rapidpro_callback_url')).toBe(newUrl);
    });

    it('answers GET with the current callback URL', async () => {
        await put({ webhook: { url: newUrl } });
        const answer = await world.host.call('settings', { method: 'get', headers: authorized() });
        expect(answer).toMatchObject({ status: 200, content: { webhook: { url: newUrl } } });
    });

    it.each([
        [{}, 'webhook is required'],
        [{ webhook: 'https://x.org' }, 'webhook must be a JSON object'],
        [{ webhook: {} }, 'webhook.url is required'],
        [{ webhook: { url: 'ftp://rapidpro.example.org/cb' } }, 'webhook.url must be an absolute http:// or https:// URL'],
        [{ webhook: { url: 'https://user:pass@rapidpro.example.org/cb' } }, 'webhook.url must not contain credentials'],
        [{ webhook: { url: 'https://rapid pro.example.org/cb' } }, 'webhook.url must be an absolute http:// or https:// URL'],
        [{ webhook: { url: 'https://rapidpro.example.org:99999/cb' } }, 'webhook.url must have a port between 1 and 65535'],
    ])('refuses %j with 400 (%s) and keeps the stored URL', async (content, reason) => {
        await put({ webhook: { url: newUrl } });
        expectError(await put(content), 400, reason);
        expect(world.host.setting('rapidpro_callback_url')).toBe(newUrl);
    });

    it('keeps the previous URL when an admin types one that is not http(s)', async () => {
        await put({ webhook: { url: newUrl } });
        await world.host.setSetting('rapidpro_callback_url', 'javascript:alert(1)');
        expect(world.host.setting('rapidpro_callback_url')).toBe(newUrl);
        await world.host.setSetting('rapidpro_callback_url', world.rapidpro.callbackUrl);
        expect(world.host.setting('rapidpro_callback_url')).toBe(world.rapidpro.callbackUrl);
    });
});
