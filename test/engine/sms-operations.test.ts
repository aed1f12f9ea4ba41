import { selectedEngines } from '../harness/engines';
import { smsRoomOf, SmsWorld, startSmsWorld, stopSmsWorld } from '../harness/sms';
import { APP_SECRET, authorized } from '../harness/ticketer';

describe.each(selectedEngines())('SMS operations (public gateway build) on $name $version', (engine) => {
    let world: SmsWorld;
    beforeAll(async () => {
        world = await startSmsWorld(engine, 'public', { app_secret: APP_SECRET, rapidpro_callback_url: 'http://127.0.0.1:9/callback' });
    });
    afterAll(() => stopSmsWorld(world));

    const notes = (roomId: string) => world.host.rc.messagesIn(roomId).filter((message) => message.sender.id === world.host.appUser().id).map((message) => message.text);
    const sentTo = (phone: string) => world.gateway.sent.filter((message) => message.phoneNumbers.includes(phone));
    const agentRoom = () => world.host.rc.createLivechatRoom(world.host.rc.upsertVisitor({ token: `web-${Math.random()}`, name: 'web visitor' }), world.agent, {});

    it('starts an SMS conversation from /sms with a number and a first message, opened for the agent who typed it', async () => {
        await world.host.runCommand('sms', ['+4790200001', 'Hello', 'from', 'support'], world.agent, agentRoom());
        await world.host.rc.settle();
        const room = smsRoomOf(world, '+4790200001');
        expect(room).toMatchObject({ isOpen: true, servedBy: { id: world.agent.id }, department: { name: 'SMS' } });
        expect(sentTo('+4790200001').map((message) => message.textMessage!.text)).toEqual(['Hello from support']);
        expect(world.host.rc.notifications.slice(-1)[0]).toMatchObject({ user: { id: world.agent.id }, message: { text: expect.stringContaining('The SMS conversation with +4790200001 is open') } });
    });

    it('reuses the open room of the number for /sms', async () => {
        const before = smsRoomOf(world, '+4790200001').id;
        await world.host.runCommand('sms', ['+47 902 00 001', 'Again'], world.agent, agentRoom());
        await world.host.rc.settle();
        expect(smsRoomOf(world, '+4790200001').id).toBe(before);
        expect(sentTo('+4790200001').map((message) => message.textMessage!.text)).toEqual(['Hello from support', 'Again']);
    });

    it('explains /sms usage to the agent when the number is missing or not a number', async () => {
        await world.host.runCommand('sms', ['hello'], world.agent, agentRoom());
        expect(world.host.rc.notifications.slice(-1)[0].message.text).toBe('Usage: /sms <phone number> [first message], e.g. /sms +4790214465 Hello');
    });

    it('sends a file as a link in an SMS where the gateway refuses MMS (400), and says so in the room', async () => {
        await world.gateway.receiveSms('+4790200002', 'send me the form');
        const room = smsRoomOf(world, '+4790200002');
        const message = world.host.rc.agentSends(room.id, world.agent, 'Here it is', { name: 'form.pdf', type: 'application/pdf', content: Buffer.from('%PDF') });
        await world.host.rc.settle();
        const link = `${world.host.rc.siteUrl}/file-upload/${message.file._id}/form.pdf`;
        expect(sentTo('+4790200002')).toEqual([expect.objectContaining({ id: `tk-${message.id}`, textMessage: { text: `Here it is\n${link}` } })]);
        expect(notes(room.id).slice(-1)[0]).toMatch(/^The files were sent as links in an SMS, not as an MMS: MessageGate answered HTTP 400/);
    });

    it('replies by SMS in a RapidPro ticket room whose contact has a phone, when that setting is on', async () => {
        const opened = await world.host.call('room', {
            method: 'get',
            headers: authorized(),
            content: { ticketID: 'T-SMS-1', visitor: { token: 'contact-7', name: 'Ana', phone: '+4790200003' }, extraData: {} },
        });
        expect(opened.status).toBe(201);
        await world.host.setSetting('rapidpro_replies_by_sms', true);
        world.host.rc.agentSends(opened.content.id, world.agent, 'Replying by SMS');
        await world.host.rc.settle();
        expect(sentTo('+4790200003').map((message) => message.textMessage!.text)).toEqual(['Replying by SMS']);
        await world.host.setSetting('rapidpro_replies_by_sms', false);
    });

    it('registers its webhooks again, under the same ids, when a gateway setting changes', async () => {
        const before = world.gateway.webhooks().map((hook) => hook.id).sort();
        await world.host.setSetting('messagegate_username', 'sms');
        await world.host.rc.runJobsUntilIdle();
        expect(world.gateway.webhooks().map((hook) => hook.id).sort()).toEqual(before);
    });

    it('logs the gateway health as an error when the phone reports a failure, and retries the setup while it is unreachable', async () => {
        world.gateway.healthStatus = 'fail';
        await world.host.setSetting('messagegate_username', 'sms');
        await world.host.rc.runScheduledJobs();
        expect(world.host.appLogText()).toContain('MessageGate is not healthy (fail)');
        world.gateway.healthStatus = 'pass';
        await world.gateway.stop();
        await world.host.setSetting('messagegate_username', 'sms');
        await world.host.rc.runScheduledJobs();
        expect(world.host.appLogText()).toMatch(/Setting up MessageGate failed \(attempt 1: MessageGate could not be reached[^)]*\); retrying in 30 s/);
        await world.gateway.start();
        await world.host.rc.runScheduledJobs();
        expect(world.host.appLogText().split('MessageGate webhooks point to').length).toBeGreaterThan(2);
    });

    it('brings lost webhooks back with its recurring refresh (the phone was reset, or an update removed them)', async () => {
        const registered = world.gateway.webhooks().length;
        const auth = { Authorization: `Basic ${Buffer.from('sms:gate-pass-1').toString('base64')}` };
        await Promise.all(world.gateway.webhooks().map((hook) => fetch(`${world.gateway.url}/webhooks/${hook.id}`, { method: 'DELETE', headers: auth })));
        expect(world.gateway.webhooks()).toEqual([]);
        expect([...world.host.rc.recurringProcessors.entries()]).toContainEqual([`messagegate-refresh_${world.host.appId}`, '30 minutes']);
        await world.host.rc.runRecurring('messagegate-refresh');
        expect(world.gateway.webhooks()).toHaveLength(registered);
    });

    it('keeps the previous MessageGate URL when an admin types one that is not http(s)', async () => {
        const before = world.host.setting('messagegate_url');
        await world.host.setSetting('messagegate_url', 'ftp://192.168.1.20');
        expect(world.host.setting('messagegate_url')).toBe(before);
        expect(world.host.appLogText()).toContain('Kept the previous value of setting messagegate_url: the MessageGate URL must be an absolute http:// or https:// URL');
    });

    it('removes its webhooks from the gateway when the app is disabled', async () => {
        expect(world.gateway.webhooks().length).toBeGreaterThan(0);
        await world.host.disable();
        expect(world.gateway.webhooks()).toEqual([]);
    });
});
