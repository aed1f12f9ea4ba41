import { selectedEngines } from '../harness/engines';
import { smsRoomOf, SmsWorld, startSmsWorld, stopSmsWorld } from '../harness/sms';

describe.each(selectedEngines())('SMS out (seed gateway build) on $name $version', (engine) => {
    let world: SmsWorld;
    beforeAll(async () => {
        world = await startSmsWorld(engine, 'seed');
    });
    afterAll(() => stopSmsWorld(world));
    afterEach(async () => {
        world.gateway.fault = 'none';
        await world.gateway.start();
    });

    const roomFor = async (phone: string) => {
        if (!smsRoomOf(world, phone)) {
            await world.gateway.receiveSms(phone, 'Hi');
        }
        return smsRoomOf(world, phone);
    };
    const notes = (roomId: string) => world.host.rc.messagesIn(roomId).filter((message) => message.sender.id === world.host.appUser().id).map((message) => message.text);
    const sentTo = (phone: string) => world.gateway.sent.filter((message) => message.phoneNumbers.includes(phone));
    const reply = async (roomId: string, text: string, file?: { name: string; type: string; content: Buffer }) => {
        const message = world.host.rc.agentSends(roomId, world.agent, text, file);
        await world.host.rc.settle();
        return message;
    };

    it("sends an agent's reply as an SMS under an id derived from the message, asking for a delivery report", async () => {
        const room = await roomFor('+4790100001');
        const message = await reply(room.id, 'We are on it');
        expect(sentTo('+4790100001')).toEqual([
            expect.objectContaining({ id: `tk-${message.id}`, phoneNumbers: ['+4790100001'], textMessage: { text: 'We are on it' }, withDeliveryReport: true }),
        ]);
        expect(world.gateway.requests.filter((request) => request.method === 'POST' && request.path === '/message').every((request) => request.authorized)).toBe(true);
    });

    it('shows the delivery state in one note that moves from sent to delivered', async () => {
        const room = await roomFor('+4790100002');
        const message = await reply(room.id, 'Your case number is 42');
        await world.gateway.advance(`tk-${message.id}`, 'Sent');
        expect(notes(room.id).slice(-1)[0]).toBe('✓ SMS sent to +4790100002: “Your case number is 42”');
        const before = notes(room.id).length;
        await world.gateway.advance(`tk-${message.id}`, 'Delivered', { parts: 2 });
        expect(notes(room.id)).toHaveLength(before);
        expect(notes(room.id).slice(-1)[0]).toBe('✓✓ SMS delivered to +4790100002: “Your case number is 42”');
    });

    it('shows a failure with its reason, also when an older phone names it `error`', async () => {
        const room = await roomFor('+4790100003');
        const first = await reply(room.id, 'first');
        await world.gateway.advance(`tk-${first.id}`, 'Failed', { reason: 'RESULT_ERROR_GENERIC_FAILURE' });
        expect(notes(room.id).slice(-1)[0]).toBe('⚠ SMS to +4790100003 failed (RESULT_ERROR_GENERIC_FAILURE): “first”');
        const second = await reply(room.id, 'second');
        await world.gateway.advance(`tk-${second.id}`, 'Failed', { reason: 'NO_SERVICE', legacyErrorField: true });
        expect(notes(room.id).slice(-1)[0]).toBe('⚠ SMS to +4790100003 failed (NO_SERVICE): “second”');
    });

    it('shows a cancelled SMS, and ignores a state older than the one shown', async () => {
        const room = await roomFor('+4790100004');
        const message = await reply(room.id, 'cancel me');
        await world.gateway.advance(`tk-${message.id}`, 'Cancelled');
        await world.gateway.advance(`tk-${message.id}`, 'Sent');
        expect(notes(room.id).slice(-1)[0]).toBe('⚠ SMS to +4790100004 was cancelled: “cancel me”');
    });

    it('asks the gateway for the state when no webhook comes, until it is final', async () => {
        const room = await roomFor('+4790100005');
        const message = await reply(room.id, 'poll me');
        const id = `tk-${message.id}`;
        // The phone reaches the final state, but its webhooks are lost.
        const hooks = world.gateway.webhooks();
        await Promise.all(hooks.map((hook) => fetch(`${world.gateway.url}/webhooks/${hook.id}`, { method: 'DELETE', headers: { Authorization: `Basic ${Buffer.from('sms:gate-pass-1').toString('base64')}` } })));
        await world.gateway.advance(id, 'Delivered');
        const polls = world.host.rc.jobs.filter((job) => job.processorId.startsWith('sms-delivery-poll') && job.data.messageId === id);
        expect(polls).toHaveLength(1);
        await world.host.rc.runJobsUntilIdle();
        expect(notes(room.id).slice(-1)[0]).toBe('✓✓ SMS delivered to +4790100005: “poll me”');
        expect(world.gateway.requests.filter((request) => request.path === `/message/${id}`)).toHaveLength(1);
        // Put the webhooks back as the app registers them.
        await world.host.setSetting('messagegate_password', 'gate-pass-1');
        await world.host.rc.runJobsUntilIdle();
        expect(world.gateway.webhooks()).toHaveLength(hooks.length);
    });

    it('treats 409 as already accepted: a send whose answer was lost is retried without a second SMS', async () => {
        const room = await roomFor('+4790100006');
        world.gateway.loseAnswersOfAcceptedSends = 1;
        await reply(room.id, 'exactly once');
        expect(sentTo('+4790100006')).toHaveLength(1);
        await world.host.rc.runJobsUntilIdle();
        const attempts = world.gateway.requests.filter((request) => request.method === 'POST' && request.body && request.body.phoneNumbers && request.body.phoneNumbers[0] === '+4790100006');
        expect(attempts).toHaveLength(2);
        expect(sentTo('+4790100006')).toHaveLength(1);
        expect(world.host.appLogText()).toMatch(/Delivered agent-message:\S+ \(attempt 2\)/);
    });

    it('keeps replies while the gateway is down and sends each once, in order, when it is back', async () => {
        const room = await roomFor('+4790100007');
        await world.gateway.stop();
        await reply(room.id, 'one');
        await reply(room.id, 'two');
        await reply(room.id, 'three');
        expect(sentTo('+4790100007')).toEqual([]);
        await world.host.rc.runScheduledJobs();
        await world.host.rc.runScheduledJobs();
        await world.host.rc.runScheduledJobs();
        expect(notes(room.id).slice(-1)[0]).toContain('Your replies are kept');
        await world.gateway.start();
        await world.host.rc.runJobsUntilIdle();
        expect(sentTo('+4790100007').map((message) => message.textMessage!.text)).toEqual(['one', 'two', 'three']);
    });

    it('tells the agent when the gateway refuses a reply for good', async () => {
        const room = await roomFor('+4790100008');
        await reply(room.id, 'x'.repeat(70000));
        expect(notes(room.id).slice(-1)[0]).toMatch(/^Not sent as SMS: MessageGate answered HTTP 400: .+\. Message: “x{79}…”$/);
    });

    it("sends an agent's file as an MMS with its bytes, and its text", async () => {
        const room = await roomFor('+4790100009');
        const content = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4]);
        const message = await reply(room.id, 'the form', { name: 'form.png', type: 'image/png', content });
        expect(sentTo('+4790100009')).toEqual([
            expect.objectContaining({ id: `tk-${message.id}`, mmsMessage: { text: 'the form', attachments: [{ mimeType: 'image/png', filename: 'form.png', data: content.toString('base64') }] } }),
        ]);
    });
});
