import { selectedEngines } from '../harness/engines';
import { smsRoomOf, SmsWorld, startSmsWorld, stopSmsWorld } from '../harness/sms';

const TEMPLATES = {
    payment_due: 'Dear {$first}, your balance of ${$balance} is due.',
    outage: 'Service outage in your area ({$zip}). We are on it.',
};
/** A part of what Freeside POSTs to Prepare: its substitution variables, without the `$`. */
const customer = { custnum: 42, first: 'Jane', last: 'Doe', company: '', balance: '12.50', mobile: '(555) 010-0001', night: '555-010-0002', daytime: '555 010 0003', zip: '90210' };

describe.each(selectedEngines())('Freeside external messaging on $name $version', (engine) => {
    let world: SmsWorld;
    beforeAll(async () => {
        world = await startSmsWorld(engine, 'seed', {
            freeside_templates: JSON.stringify(TEMPLATES),
            freeside_default_country_code: '1',
            freeside_username: 'freeside',
            freeside_password: 'fs-secret-pass',
        });
    });
    afterAll(() => stopSmsWorld(world));
    afterEach(async () => {
        await world.gateway.start();
    });

    /** What Freeside does: POST JSON, keep the body (as the prepared message, or as the error message). */
    const login = { Authorization: `Basic ${Buffer.from('freeside:fs-secret-pass').toString('base64')}` };
    const freeside = async (stage: 'prepare' | 'send', body: unknown, headers: Record<string, string> = login) => {
        const response = await fetch(`${world.host.rc.siteUrl}/api/apps/public/${world.host.appId}/freeside/${stage}`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', ...headers },
            body: typeof body === 'string' ? body : JSON.stringify(body),
        });
        return { status: response.status, body: await response.text() };
    };
    const prepare = async (variables: object) => {
        const answer = await freeside('prepare', variables);
        expect(answer.status).toBe(200);
        return answer.body;
    };
    const sentTo = (phone: string) => world.gateway.sent.filter((message) => message.phoneNumbers.includes(phone));
    const notes = (roomId: string) => world.host.rc.messagesIn(roomId).filter((message) => message.sender.id === world.host.appUser().id).map((message) => message.text);

    it('prepares the message for the mobile number in E.164, with the template filled in, and sends nothing yet', async () => {
        const prepared = JSON.parse(await prepare({ template: 'payment_due', ...customer }));
        expect(prepared).toMatchObject({ format: 'tickets-freeside-sms/1', to: '+15550100001', text: 'Dear Jane, your balance of $12.50 is due.', template: 'payment_due', custnum: '42', customer: 'Jane Doe' });
        expect(prepared.id).toMatch(/^[0-9a-f]{24}$/);
        expect(world.gateway.sent).toEqual([]);
        expect(smsRoomOf(world, '+15550100001')).toBeUndefined();
    });

    it('takes the night number without a mobile, the daytime number without both, and a "to" of the POST content before all', async () => {
        const to = async (variables: object) => JSON.parse(await prepare({ template: 'outage', ...customer, ...variables })).to;
        expect(await to({ mobile: '' })).toBe('+15550100002');
        expect(await to({ mobile: '', night: null })).toBe('+15550100003');
        expect(await to({ to: '+44 20 7946 0000' })).toBe('+442079460000');
        expect(await to({ mobile: '0047 902 14 465' })).toBe('+4790214465');
    });

    it('refuses with a readable error a template placeholder Freeside did not send, an unknown template, and a customer without a number', async () => {
        const { zip, ...withoutZip } = customer;
        expect(zip).toBeDefined();
        expect(await freeside('prepare', { template: 'outage', ...withoutZip })).toEqual({
            status: 400,
            body: JSON.stringify({ error: 'Template "outage" uses {$zip}, which Freeside did not send' }),
        });
        expect(await freeside('prepare', { template: 'welcome', ...customer })).toEqual({
            status: 400,
            body: JSON.stringify({ error: 'There is no Freeside template "welcome" (configured: payment_due, outage)' }),
        });
        expect(await freeside('prepare', { ...customer })).toMatchObject({ status: 400, body: expect.stringContaining('template is required') });
        expect(await freeside('prepare', { template: 'outage', ...customer, mobile: '', night: '', daytime: '' })).toEqual({
            status: 400,
            body: JSON.stringify({ error: 'The customer has no mobile, night or daytime phone number, and the POST content names no "to"' }),
        });
        expect(await freeside('prepare', { template: 'outage', ...customer, mobile: 'ask at desk' })).toMatchObject({ status: 400, body: expect.stringContaining('mobile \\"ask at desk\\" is not a phone number') });
        expect(await freeside('prepare', '{"template": ')).toMatchObject({ status: 400 });
    });

    it('sends the prepared message as one SMS and shows it in the customer\'s SMS room with its delivery state', async () => {
        const prepared = await prepare({ template: 'payment_due', ...customer, mobile: '555-010-0011' });
        const answer = await freeside('send', prepared);
        expect(answer.status).toBe(200);
        const { id } = JSON.parse(prepared);
        const room = smsRoomOf(world, '+15550100011');
        expect(JSON.parse(answer.body)).toEqual({ status: 'accepted', id, roomId: room.id });
        expect(sentTo('+15550100011')).toEqual([expect.objectContaining({ id: `tk-freeside-${id}`, textMessage: { text: 'Dear Jane, your balance of $12.50 is due.' } })]);
        expect(notes(room.id)).toContain('Freeside sent this SMS to Jane Doe #42 (template payment_due):\nDear Jane, your balance of $12.50 is due.');
        await world.gateway.advance(`tk-freeside-${id}`, 'Delivered');
        expect(notes(room.id).slice(-1)[0]).toBe('✓✓ SMS delivered to +15550100011: “Dear Jane, your balance of $12.50 is due.”');
    });

    it('sends once when Freeside retries Send, one after the other or at the same time', async () => {
        const prepared = await prepare({ template: 'outage', ...customer, mobile: '555-010-0012' });
        const answers = [await freeside('send', prepared), ...(await Promise.all([1, 2, 3].map(() => freeside('send', prepared))))];
        expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
        expect(new Set(answers.map((answer) => answer.body)).size).toBe(1);
        expect(sentTo('+15550100012')).toHaveLength(1);
        expect(notes(smsRoomOf(world, '+15550100012').id).filter((note) => note.startsWith('Freeside sent this SMS'))).toHaveLength(1);
    });

    it('sends the same notice prepared again as a new SMS (next month\'s reminder)', async () => {
        const variables = { template: 'outage', ...customer, mobile: '555-010-0013' };
        await freeside('send', await prepare(variables));
        await freeside('send', await prepare(variables));
        expect(sentTo('+15550100013')).toHaveLength(2);
    });

    it('keeps a Send while MessageGate is away and sends it once when it is back', async () => {
        const prepared = await prepare({ template: 'outage', ...customer, mobile: '555-010-0014' });
        await world.gateway.stop();
        expect((await freeside('send', prepared)).status).toBe(200);
        expect((await freeside('send', prepared)).status).toBe(200);
        await world.gateway.start();
        await world.host.rc.runJobsUntilIdle();
        expect(sentTo('+15550100014')).toHaveLength(1);
    });

    it('refuses with 400 a prepared message that was changed or cut, and sends nothing', async () => {
        const prepared = JSON.parse(await prepare({ template: 'outage', ...customer, mobile: '555-010-0015' }));
        expect(await freeside('send', { ...prepared, to: '+15550100099' })).toEqual({
            status: 400,
            body: JSON.stringify({ error: 'The prepared message was changed after Prepare (its signature does not match); prepare it again' }),
        });
        const { signature, ...unsigned } = prepared;
        expect(signature).toBeDefined();
        expect(await freeside('send', unsigned)).toEqual({ status: 400, body: JSON.stringify({ error: 'The prepared message is incomplete: signature is missing' }) });
        expect(await freeside('send', { text: 'Hi', to: '+15550100015' })).toMatchObject({ status: 400, body: expect.stringContaining('Not a message prepared by Tickets') });
        expect(await freeside('send', 'not json')).toMatchObject({ status: 400 });
        expect([...sentTo('+15550100015'), ...sentTo('+15550100099')]).toEqual([]);
        expect(smsRoomOf(world, '+15550100015')).toBeUndefined();
    });

    it("answers 503, and sends nothing, when Rocket.Chat cannot open the customer's room (no agent online)", async () => {
        const prepared = await prepare({ template: 'outage', ...customer, mobile: '555-010-0016' });
        world.host.rc.acceptChatsWithNoAgents = false;
        world.agent.status = 'offline';
        try {
            expect(await freeside('send', prepared)).toEqual({ status: 503, body: JSON.stringify({ error: "The SMS (not sent) could not be put in a room: There's no agents online" }) });
        } finally {
            world.host.rc.acceptChatsWithNoAgents = true;
            world.agent.status = 'online';
        }
        expect(sentTo('+15550100016')).toEqual([]);
        expect((await freeside('send', prepared)).status).toBe(200);
        expect(sentTo('+15550100016')).toHaveLength(1);
    });

    it('answers malformed bodies with a 4xx, never with a server error', async () => {
        const bodies: Array<unknown> = [null, 42, [], 'not json', '{"template": ', { template: 7 }, { template: 'outage', ...customer, zip: { a: 1 } }, { template: 'outage', ...customer, mobile: ['555'] }, { template: 'x'.repeat(10000) }];
        for (const stage of ['prepare', 'send'] as const) {
            for (const content of bodies) {
                const answer = await world.host.call(`freeside/${stage}`, { method: 'post', headers: login, content });
                expect([stage, JSON.stringify(content).slice(0, 40), answer.status]).toEqual([stage, JSON.stringify(content).slice(0, 40), 400]);
            }
        }
        expect((await world.host.call('freeside/send', { method: 'get', headers: login })).status).toBe(405);
    });

    it('asks for the Basic auth login on both stages, and refuses both while no full login is set', async () => {
        const variables = { template: 'outage', ...customer };
        const prepared = await freeside('prepare', variables);
        expect(prepared.status).toBe(200);
        expect((await freeside('prepare', variables, {})).status).toBe(401);
        expect((await freeside('prepare', variables, { Authorization: `Basic ${Buffer.from('freeside:wrong').toString('base64')}` })).status).toBe(401);
        expect((await freeside('send', prepared.body, {})).status).toBe(401);
        await world.host.setSetting('freeside_password', '');
        try {
            for (const headers of [{}, login]) {
                const answer = await freeside('prepare', variables, headers);
                expect({ status: answer.status, body: JSON.parse(answer.body) }).toEqual({ status: 401, body: { error: expect.stringContaining('set both the Freeside HTTP username and password') } });
                expect((await freeside('send', prepared.body, headers)).status).toBe(401);
            }
        } finally {
            await world.host.setSetting('freeside_password', 'fs-secret-pass');
        }
        expect(sentTo('+15550100001').filter((message) => message.textMessage?.text.startsWith('Service outage'))).toEqual([]);
    });

    it('keeps the previous templates when an admin saves ones that cannot be used', async () => {
        const before = world.host.setting('freeside_templates');
        await world.host.setSetting('freeside_templates', JSON.stringify({ empty: '' }));
        expect(world.host.setting('freeside_templates')).toBe(before);
        expect(world.host.appLogText()).toContain('Kept the previous value of setting freeside_templates: Freeside templates cannot be used: the template \\"empty\\" must be a non-empty text');
    });
});
