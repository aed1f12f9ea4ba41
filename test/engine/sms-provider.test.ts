import { selectedEngines } from '../harness/engines';
import { exampleTemplate, notesIn, ProviderWorld, roomOfPhone, startProviderWorld, WEBHOOK_TOKEN } from '../harness/provider';
import { SmsProviderStandIn } from '../harness/sms-provider-standin';

const API_KEY = 'live-key-51f0c2a9d8';
const SENDER = '+4790000099';

describe.each(selectedEngines())('SMS through a template provider (generic JSON) on $name $version', (engine) => {
    let world: ProviderWorld;
    const provider = new SmsProviderStandIn({ bearer: API_KEY });

    beforeAll(async () => {
        await provider.start();
        world = await startProviderWorld(engine, exampleTemplate('generic-json.json'), { 'API URL': provider.url, 'API Key': API_KEY, 'Sender Number': SENDER });
    });
    afterAll(async () => {
        await world?.host.stop();
        await provider.stop();
    });
    afterEach(() => {
        provider.fault = 'none';
        provider.failNextSends = 0;
    });

    let nextId = 0;
    const contactWrites = (phone: string, content: string, messageid = `in-${++nextId}`) =>
        provider.postWebhook(world.webhookUrl, { method: 'message', params: { from: phone, to: SENDER, content, messageid } });
    const roomFor = async (phone: string) => {
        if (!roomOfPhone(world.host, phone)) {
            expect((await contactWrites(phone, 'Hi')).status).toBe(200);
        }
        return roomOfPhone(world.host, phone);
    };
    const reply = async (roomId: string, text: string, file?: { name: string; type: string; content: Buffer }) => {
        const message = world.host.rc.agentSends(roomId, world.agent, text, file);
        await world.host.rc.settle();
        return message;
    };
    const sentTo = (phone: string) => provider.accepted.filter((sent) => sent.request.body.to === phone);
    const visitorTexts = (roomId: string) => world.host.rc.messagesIn(roomId).filter((message: any) => message.token).map((message: any) => message.text);

    it("opens a room for a contact's message, replying through the provider", async () => {
        const answer = await contactWrites('+4790200001', 'My street light is out');
        expect(answer).toEqual({ status: 200, body: { status: 'accepted' } });
        const room = roomOfPhone(world.host, '+4790200001');
        expect(visitorTexts(room.id)).toEqual(['My street light is out']);
        expect(notesIn(world.host, room.id)[0]).toBe('SMS conversation with +4790200001. Replies here go out as SMS.');
    });

    it("sends an agent's text by SendMessage with the Bearer key, JSON-escaped, under an id derived from the message", async () => {
        const room = await roomFor('+4790200002');
        const text = 'Quote "this"\nline two, ünïcode & $to$ <b>';
        const message = await reply(room.id, text);
        expect(sentTo('+4790200002')).toHaveLength(1);
        const { request } = sentTo('+4790200002')[0];
        expect(request).toMatchObject({ method: 'POST', path: '/v1/messages' });
        expect(request.headers.authorization).toBe(`Bearer ${API_KEY}`);
        expect(request.headers['content-type']).toBe('application/json');
        expect(JSON.parse(request.raw)).toEqual({ from: SENDER, to: '+4790200002', body: text, client_ref: `tk-${message.id}` });
        expect(notesIn(world.host, room.id).slice(-1)[0]).toBe(`✓ SMS sent to +4790200002: “${text}”`);
    });

    it('shows the provider\'s delivery report on the agent\'s message, found by the id from response_map', async () => {
        const room = await roomFor('+4790200003');
        await reply(room.id, 'Your case number is 42');
        const [{ id }] = sentTo('+4790200003');
        const before = notesIn(world.host, room.id).length;
        const answer = await provider.postWebhook(world.webhookUrl, { method: 'delivered', params: { messageid: id } });
        expect(answer).toEqual({ status: 200, body: { status: 'accepted' } });
        expect(notesIn(world.host, room.id)).toHaveLength(before);
        expect(notesIn(world.host, room.id).slice(-1)[0]).toBe('✓✓ SMS delivered to +4790200003: “Your case number is 42”');
        expect(await provider.postWebhook(world.webhookUrl, { method: 'delivered', params: { messageid: 'not-ours' } })).toEqual({ status: 200, body: { status: 'kept' } });
    });

    it('keeps a delivery report that overtakes the answer to the send, and shows it once that answer comes', async () => {
        const room = await roomFor('+4790200013');
        const reports: Array<unknown> = [];
        provider.beforeAnswering = async (id) => reports.push(await provider.postWebhook(world.webhookUrl, { method: 'delivered', params: { messageid: id } }));
        try {
            await reply(room.id, 'Fast network');
            await world.host.rc.runJobsUntilIdle();
        } finally {
            provider.beforeAnswering = undefined;
        }
        expect(reports).toEqual([{ status: 200, body: { status: 'kept' } }]);
        expect(notesIn(world.host, room.id).slice(-1)[0]).toBe('✓✓ SMS delivered to +4790200013: “Fast network”');
    });

    it("sends an agent's file by SendFile with its absolute URL, and its text by SendMessage", async () => {
        const room = await roomFor('+4790200004');
        await reply(room.id, 'the form', { name: 'form.png', type: 'image/png', content: Buffer.from([1, 2, 3]) });
        const bodies = sentTo('+4790200004').map((sent) => sent.request.body);
        expect(bodies).toHaveLength(2);
        expect(bodies[0]).toMatchObject({ body: 'the form' });
        expect(bodies[1]).toMatchObject({ body: '', media_url: expect.stringMatching(new RegExp(`^${world.host.rc.siteUrl}/file-upload/.+/form\\.png$`)) });
        expect(bodies[0].client_ref).not.toBe(bodies[1].client_ref);
    });

    it('copies a file the contact sends (mms) into the room as the visitor\'s upload, with its text', async () => {
        const url = provider.addFile('photo.jpg', 'image/jpeg', Buffer.from([0xff, 0xd8, 0xff, 7, 7]));
        const answer = await provider.postWebhook(world.webhookUrl, { method: 'file', params: { from: '+4790200005', to: SENDER, text: 'see photo', url, messageid: 'mms-1' } });
        expect(answer.status).toBe(200);
        const room = roomOfPhone(world.host, '+4790200005');
        expect(visitorTexts(room.id)).toContain('see photo');
        const uploads = [...world.host.rc.uploads.values()].filter((stored: any) => stored.upload.room && stored.upload.room.id === room.id);
        expect(uploads.map((stored: any) => [stored.upload.name, [...stored.buffer]])).toEqual([['photo.jpg', [0xff, 0xd8, 0xff, 7, 7]]]);
    });

    it('tells the agents when a file the contact sent cannot be fetched, with its link', async () => {
        const url = `${provider.url}/files/missing.jpg`;
        await provider.postWebhook(world.webhookUrl, { method: 'file', params: { from: '+4790200006', to: SENDER, text: '', url, messageid: 'mms-2' } });
        const room = roomOfPhone(world.host, '+4790200006');
        expect(notesIn(world.host, room.id).slice(-1)[0]).toBe(`A file of this MMS could not be copied into the room (${url}): the provider answered HTTP 404`);
    });

    it('takes a message the provider posts twice only once', async () => {
        await roomFor('+4790200007');
        const first = await contactWrites('+4790200007', 'only once', 'dup-1');
        const second = await contactWrites('+4790200007', 'only once', 'dup-1');
        expect([first.body, second.body]).toEqual([{ status: 'accepted' }, { status: 'duplicate' }]);
        expect(visitorTexts(roomOfPhone(world.host, '+4790200007').id).filter((text: string) => text === 'only once')).toHaveLength(1);
    });

    it('retries a reply the provider could not take, and sends it once when it can', async () => {
        const room = await roomFor('+4790200008');
        provider.failNextSends = 2;
        await reply(room.id, 'after the outage');
        expect(sentTo('+4790200008')).toHaveLength(0);
        await world.host.rc.runJobsUntilIdle();
        expect(sentTo('+4790200008').map((sent) => sent.request.body.body)).toEqual(['after the outage']);
        const attempts = provider.requests.filter((request) => request.body && request.body.to === '+4790200008' && request.body.body === 'after the outage');
        expect(attempts).toHaveLength(3);
        await world.host.rc.runJobsUntilIdle();
        expect(sentTo('+4790200008')).toHaveLength(1);
    });

    it('keeps replies in order while the provider is down, and tells the agents they are kept', async () => {
        const room = await roomFor('+4790200009');
        provider.fault = 'unavailable';
        await reply(room.id, 'one');
        await reply(room.id, 'two');
        for (let attempt = 0; attempt < 3; attempt++) {
            await world.host.rc.runScheduledJobs();
        }
        expect(notesIn(world.host, room.id).slice(-1)[0]).toBe(
            'The SMS provider is not taking replies right now (generic-json answered HTTP 503: {"error":"try later"}). Your replies are kept and will be sent as SMS, in order, when it is back.',
        );
        provider.fault = 'none';
        await world.host.rc.runJobsUntilIdle();
        expect(sentTo('+4790200009').map((sent) => sent.request.body.body)).toEqual(['one', 'two']);
    });

    it('tells the agent when the provider refuses a reply for good', async () => {
        const room = await roomFor('+4790200010');
        provider.fault = 'reject';
        await reply(room.id, 'to a landline');
        expect(notesIn(world.host, room.id).slice(-1)[0]).toBe('Not sent as SMS: generic-json answered HTTP 422: {"error":"the number cannot receive SMS"}. Message: “to a landline”');
        await world.host.rc.runJobsUntilIdle();
        expect(provider.requests.filter((request) => request.body && request.body.body === 'to a landline')).toHaveLength(1);
    });

    describe('provider/webhook refusals', () => {
        const bare = () => world.webhookUrl.split('?')[0];

        it('refuses a missing or wrong token with 401, and takes it from a header too', async () => {
            const body = { method: 'message', params: { from: '+4790200011', content: 'x', messageid: 'auth-1' } };
            expect(await provider.postWebhook(bare(), body)).toEqual({ status: 401, body: { error: expect.stringContaining('Missing token') } });
            expect(await provider.postWebhook(`${bare()}?token=wrong-${WEBHOOK_TOKEN}`, body)).toEqual({ status: 401, body: { error: 'Invalid token' } });
            expect((await provider.postWebhook(bare(), body, { 'X-Webhook-Token': WEBHOOK_TOKEN })).status).toBe(200);
            expect((await provider.postWebhook(bare(), { ...body, params: { ...body.params, messageid: 'auth-2' } }, { Authorization: `Bearer ${WEBHOOK_TOKEN}` })).status).toBe(200);
        });

        it('answers 400 with the offending key for a message it cannot use, and 200 for an event no model describes', async () => {
            expect(await provider.postWebhook(world.webhookUrl, { method: 'message', params: { from: 'not a number!', content: 'x' } })).toEqual({
                status: 400,
                body: { error: 'params.from must be the sender\'s phone number (or sender id) for message' },
            });
            expect(await provider.postWebhook(world.webhookUrl, 'method=message&params=x')).toEqual({ status: 400, body: { error: expect.stringContaining('params.from') } });
            expect(await provider.postWebhook(world.webhookUrl, { method: 'sent', params: {} })).toEqual({ status: 200, body: { status: 'ignored' } });
        });

        it('answers a malformed body with a 4xx JSON error, never a 5xx', async () => {
            for (const [body, type] of [['{"method": ', 'application/json'], ['%E0%A4%A', 'application/x-www-form-urlencoded'], ['[1,2]', 'text/plain'], ['', 'application/json']]) {
                const response = await fetch(world.webhookUrl, { method: 'POST', headers: { 'Content-Type': type }, body });
                expect(response.status).toBeGreaterThanOrEqual(200);
                expect(response.status).toBeLessThan(500);
                const answer = await response.json();
                expect(response.status === 200 ? answer.status : answer.error).toEqual(expect.any(String));
            }
        });
    });

    it('keeps the previous template when an invalid one is saved, naming the key in the logs', async () => {
        const good = world.host.setting('sms_provider_template');
        const broken = JSON.parse(exampleTemplate('generic-json.json'));
        broken.API.SendMessage.request_parameters.body = '$message$';
        await world.host.setSetting('sms_provider_template', JSON.stringify(broken));
        expect(world.host.setting('sms_provider_template')).toBe(good);
        expect(world.host.appLogText()).toContain('Kept the previous value of setting sms_provider_template: API.SendMessage.request_parameters.body: unknown placeholder $message$');
    });

    it('works with a form-encoded provider too: form webhooks in, form-encoded sends out', async () => {
        const jsonTemplate = world.host.setting('sms_provider_template');
        const formTemplate = {
            name: 'generic-json',
            properties: ['API URL', 'API Key', 'Sender Number'],
            from: '$Sender Number$',
            auth: { type: 'Bearer', token: '$API Key$' },
            API: {
                SendMessage: {
                    request_method: 'POST',
                    request_url: '$API URL$/2010-04-01/Messages/$to$',
                    request_content_type: 'application/x-www-form-urlencoded',
                    request_parameters: { From: '$from$', To: '$to$', Body: '$content$' },
                    response_map: { data: { id: '$messageid$' } },
                },
            },
            Webhook: [{ event_key: 'received', event_type: 'message', request_parameters: { SmsStatus: '$event_key$', From: '$from$', Body: '$content$', MessageSid: '$messageid$' } }],
        };
        await world.host.setSetting('sms_provider_template', JSON.stringify(formTemplate));
        try {
            const inbound = await provider.postWebhook(world.webhookUrl, 'SmsStatus=received&From=%2B4790200012&Body=Hello+%26+goodbye&MessageSid=SM1');
            expect(inbound).toEqual({ status: 200, body: { status: 'accepted' } });
            const room = roomOfPhone(world.host, '+4790200012');
            expect(visitorTexts(room.id)).toEqual(['Hello & goodbye']);
            await reply(room.id, 'Fees: 5% + $2 & "tax"');
            const sent = provider.accepted.filter((accepted) => accepted.request.body.To === '+4790200012');
            expect(sent).toHaveLength(1);
            const [{ request }] = sent;
            expect(request.path).toBe('/2010-04-01/Messages/%2B4790200012');
            expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
            expect(request.raw).toBe('From=%2B4790000099&To=%2B4790200012&Body=Fees%3A+5%25+%2B+%242+%26+%22tax%22');
        } finally {
            await world.host.setSetting('sms_provider_template', jsonTemplate);
        }
    });

    it('never writes the API key or the webhook token into its logs', () => {
        const logs = world.host.appLogText();
        expect(logs).toContain('SMS provider generic-json message');
        expect(logs).not.toContain(API_KEY);
        expect(logs).not.toContain(WEBHOOK_TOKEN);
    });
});
