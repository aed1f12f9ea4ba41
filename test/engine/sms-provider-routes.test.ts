import { selectedEngines } from '../harness/engines';
import { MessageGateEmulator } from '../harness/messagegate-emulator';
import { exampleTemplate, notesIn, roomOfPhone, WEBHOOK_TOKEN } from '../harness/provider';
import { SmsWorld, startSmsWorld, stopSmsWorld } from '../harness/sms';

const PROVIDER_USERNAME = 'tpl';
const PROVIDER_PASSWORD = 'tpl-pass-7c1d';

/**
 * Two ways out at once: the app's own MessageGate (set up in its MessageGate settings) and a second gateway
 * reached only through the MessageGate-shaped example template, its webhooks pointed at provider/webhook.
 */
describe.each(selectedEngines())('SMS routes: MessageGate and the MessageGate-shaped template provider on $name $version', (engine) => {
    let world: SmsWorld;
    const viaTemplate = new MessageGateEmulator({ username: PROVIDER_USERNAME, password: PROVIDER_PASSWORD, signingKey: 'unused-key-123', build: 'public' });

    beforeAll(async () => {
        await viaTemplate.start();
        world = await startSmsWorld(engine, 'seed', {
            sms_provider_template: exampleTemplate('messagegate.json'),
            sms_provider_properties: JSON.stringify({ 'Gateway URL': viaTemplate.url, 'Username': PROVIDER_USERNAME, 'Password': PROVIDER_PASSWORD }),
            sms_provider_webhook_token: WEBHOOK_TOKEN,
        });
        const webhookUrl = `${world.host.rc.siteUrl}/api/apps/public/${world.host.appId}/provider/webhook?token=${WEBHOOK_TOKEN}`;
        for (const event of ['sms:received', 'sms:delivered']) {
            const response = await fetch(`${viaTemplate.url}/webhooks`, {
                method: 'POST',
                headers: { 'Content-Type': 'application/json', 'Authorization': `Basic ${Buffer.from(`${PROVIDER_USERNAME}:${PROVIDER_PASSWORD}`).toString('base64')}` },
                body: JSON.stringify({ id: `tickets-${event}`, url: webhookUrl, event }),
            });
            expect(response.status).toBe(201);
        }
    });
    afterAll(async () => {
        await stopSmsWorld(world);
        await viaTemplate.stop();
    });

    const reply = async (roomId: string, text: string) => {
        const message = world.host.rc.agentSends(roomId, world.agent, text);
        await world.host.rc.settle();
        return message;
    };
    const agentRoom = () => world.host.rc.createLivechatRoom(world.host.rc.upsertVisitor({ token: `web-${Math.random()}`, name: 'web visitor' }), world.agent, {});

    it("reproduces MessageGate's /message API: Basic auth, the app's message id, and the delivery report", async () => {
        expect((await viaTemplate.receiveSms('+4790300001', 'Hello via template')).statuses).toEqual([200]);
        const room = roomOfPhone(world.host, '+4790300001');
        expect(world.host.rc.messagesIn(room.id).filter((message: any) => message.token).map((message: any) => message.text)).toEqual(['Hello via template']);
        const message = await reply(room.id, 'Answer through the template');
        expect(viaTemplate.sent).toEqual([expect.objectContaining({ id: `tk-${message.id}`, phoneNumbers: ['+4790300001'], textMessage: { text: 'Answer through the template' }, withDeliveryReport: true })]);
        expect(viaTemplate.requests.filter((request) => request.method === 'POST' && request.path === '/message').every((request) => request.authorized)).toBe(true);
        expect(world.gateway.sent.filter((sent) => sent.phoneNumbers.includes('+4790300001'))).toEqual([]);
        await viaTemplate.advance(`tk-${message.id}`, 'Delivered');
        expect(notesIn(world.host, room.id).slice(-1)[0]).toBe('✓✓ SMS delivered to +4790300001: “Answer through the template”');
    });

    it('takes the same event delivered twice (a retry of the phone) only once', async () => {
        const first = await viaTemplate.receiveSms('+4790300002', 'once please');
        await viaTemplate.redeliver(first.envelopeId);
        const room = roomOfPhone(world.host, '+4790300002');
        expect(world.host.rc.messagesIn(room.id).filter((message: any) => message.text === 'once please')).toHaveLength(1);
    });

    it('replies the way the contact last wrote: a provider room the contact writes to through MessageGate replies through MessageGate', async () => {
        await viaTemplate.receiveSms('+4790300003', 'first through the provider');
        const room = roomOfPhone(world.host, '+4790300003');
        await world.gateway.receiveSms('+4790300003', 'then through the phone');
        expect(roomOfPhone(world.host, '+4790300003').id).toBe(room.id);
        expect(notesIn(world.host, room.id).slice(-1)[0]).toBe('The contact now writes through MessageGate; replies here go out the same way.');
        await reply(room.id, 'back by the phone');
        expect(world.gateway.sent.filter((sent) => sent.phoneNumbers.includes('+4790300003')).map((sent) => sent.textMessage!.text)).toEqual(['back by the phone']);
        expect(viaTemplate.sent.filter((sent) => sent.phoneNumbers.includes('+4790300003'))).toEqual([]);
    });

    it('opens /sms conversations the way the Default SMS route setting says', async () => {
        await world.host.runCommand('sms', ['+4790300004', 'by', 'default'], world.agent, agentRoom());
        await world.host.rc.settle();
        expect(world.gateway.sent.filter((sent) => sent.phoneNumbers.includes('+4790300004')).map((sent) => sent.textMessage!.text)).toEqual(['by default']);
        await world.host.setSetting('sms_default_route', 'provider');
        try {
            await world.host.runCommand('sms', ['+4790300005', 'by', 'template'], world.agent, agentRoom());
            await world.host.rc.settle();
            expect(viaTemplate.sent.filter((sent) => sent.phoneNumbers.includes('+4790300005')).map((sent) => sent.textMessage!.text)).toEqual(['by template']);
        } finally {
            await world.host.setSetting('sms_default_route', 'messagegate');
        }
    });

    it('never writes the provider password or the webhook token into its logs', () => {
        const logs = world.host.appLogText();
        expect(logs).toContain('SMS provider messagegate-http sms:received: accepted');
        expect(logs).not.toContain(PROVIDER_PASSWORD);
        expect(logs).not.toContain(WEBHOOK_TOKEN);
    });
});
