import { selectedEngines } from '../harness/engines';
import { exampleTemplate, WEBHOOK_TOKEN } from '../harness/provider';
import { SmsProviderStandIn } from '../harness/sms-provider-standin';
import { SmsWorld, startSmsWorld, stopSmsWorld } from '../harness/sms';

const SOURCES = [
    { id: '1', name: 'Barangay gateway', username: 'gateway1', password: 'gw1-secret-pass', department: 'Barangay' },
    { id: 'office', username: 'gateway2', password: 'gw2-secret-pass' },
    { id: 'hotline', username: 'gateway3', password: 'gw3-secret-pass', replies: 'provider:generic-json' },
];
const PROVIDER_KEY = 'live-key-7c1d9e';
const TAGS = { FIRE: 'Fire brigade', WATER: 'Water works' };
const basic = (username: string, password: string) => `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
const AUTH_1 = { Authorization: basic('gateway1', 'gw1-secret-pass') };
const AUTH_OFFICE = { Authorization: basic('gateway2', 'gw2-secret-pass') };
const DUPLICATE = 'Failed\nthe incoming message had validation errors:\n\nerror: A message from this source with this external ID already exists';

describe.each(selectedEngines())('Message sources (messages/incoming) on $name $version', (engine) => {
    let world: SmsWorld;
    const provider = new SmsProviderStandIn({ bearer: PROVIDER_KEY });
    beforeAll(async () => {
        await provider.start();
        world = await startSmsWorld(engine, 'seed', {
            message_sources: JSON.stringify(SOURCES),
            message_tags: JSON.stringify(TAGS),
            sms_provider_template: exampleTemplate('generic-json.json'),
            sms_provider_properties: JSON.stringify({ 'API URL': provider.url, 'API Key': PROVIDER_KEY, 'Sender Number': '+4790000099' }),
            sms_provider_webhook_token: WEBHOOK_TOKEN,
        });
        world.host.rc.addDepartment('Barangay');
        world.host.rc.addDepartment('Fire brigade');
    });
    afterAll(async () => {
        await stopSmsWorld(world);
        await provider.stop();
    });

    const url = () => `${world.host.rc.siteUrl}/api/apps/public/${world.host.appId}/messages/incoming`;
    /** What a gateway does: POST a form (or another body) over HTTP, and read the plain-text answer. */
    const post = async (body: string, headers: Record<string, string>, contentType = 'application/x-www-form-urlencoded') => {
        const response = await fetch(url(), { method: 'POST', headers: { 'Content-Type': contentType, ...headers }, body });
        return { status: response.status, type: response.headers.get('content-type') || '', text: await response.text() };
    };
    const form = (fields: Record<string, string>) => new URLSearchParams(Object.entries(fields).map(([name, value]) => [`data[Message][${name}]`, value])).toString();
    const roomsOf = (token: string) => [...world.host.rc.rooms.values()].filter((room) => room.visitor && room.visitor.token === token);
    const openRoomOf = (token: string) => roomsOf(token).find((room) => room.isOpen);
    const visitorTexts = (roomId: string) => world.host.rc.messagesIn(roomId).filter((message) => message.token).map((message) => message.text);
    const notes = (roomId: string) => world.host.rc.messagesIn(roomId).filter((message) => message.sender.id === world.host.appUser().id).map((message) => message.text);
    const savedId = (text: string) => /^OK\nSaved message id=(\S+)$/.exec(text)?.[1];

    it("saves a form-encoded message in a new room of the source's department and answers OK with the message id", async () => {
        const answer = await post(form({ source_id: '1', external_id: 'ext-1', from_address: '+639171234567', message: 'Streetlight broken on Rizal St.' }), AUTH_1);
        expect(answer).toMatchObject({ status: 200, type: expect.stringMatching(/^text\/plain/) });
        const id = savedId(answer.text);
        expect(id).toBeDefined();
        const room = openRoomOf('src-1.p639171234567')!;
        expect(room).toMatchObject({ department: { name: 'Barangay' }, visitor: { name: '+639171234567' } });
        expect(world.host.rc.messagesIn(room.id).find((message) => message.id === id)).toMatchObject({ text: 'Streetlight broken on Rizal St.', token: 'src-1.p639171234567' });
        expect(notes(room.id)).toEqual(['Messages from +639171234567 through Barangay gateway. Replies here go out as SMS.']);
    });

    it('puts the next message of the sender into the same open room, with the bracketed keys flat as another body parser gives them', async () => {
        const answer = await world.host.call('messages/incoming', {
            method: 'post',
            headers: AUTH_1,
            content: { 'data[Message][source_id]': '1', 'data[Message][from_address]': '+63 917 123 4567', 'data[Message][message]': 'Still broken' },
        });
        expect(answer.status).toBe(200);
        expect(savedId(answer.content)).toBeDefined();
        expect(roomsOf('src-1.p639171234567')).toHaveLength(1);
        expect(visitorTexts(openRoomOf('src-1.p639171234567')!.id)).toEqual(['Streetlight broken on Rizal St.', 'Still broken']);
    });

    it('takes a JSON body, and a form the router left as text', async () => {
        const json = await post(JSON.stringify({ data: { Message: { source_id: 'office', external_id: 77, from_address: '+4790300001', message: 'JSON hello' } } }), AUTH_OFFICE, 'application/json');
        expect(json.status).toBe(200);
        expect(savedId(json.text)).toBeDefined();
        const text = await world.host.call('messages/incoming', {
            method: 'post',
            headers: { ...AUTH_OFFICE, 'content-type': 'text/plain' },
            content: form({ source_id: 'office', from_address: '+4790300001', message: 'Form as text: 1+1=2 & more' }),
        });
        expect(savedId(text.content)).toBeDefined();
        const room = openRoomOf('src-office.p4790300001')!;
        expect(room.department).toMatchObject({ name: 'SMS' });
        expect(visitorTexts(room.id)).toEqual(['JSON hello', 'Form as text: 1+1=2 & more']);
    });

    it('refuses a repeated external id of the same source with the Failed text, and takes it from another source', async () => {
        const fields = { source_id: 'office', external_id: 'same-id', from_address: '+4790300002', message: 'first' };
        expect(savedId((await post(form(fields), AUTH_OFFICE)).text)).toBeDefined();
        const again = await post(form({ ...fields, message: 'second' }), AUTH_OFFICE);
        expect(again).toMatchObject({ status: 200, text: DUPLICATE });
        expect(visitorTexts(openRoomOf('src-office.p4790300002')!.id)).toEqual(['first']);
        expect(savedId((await post(form({ ...fields, source_id: '1' }), AUTH_1)).text)).toBeDefined();
    });

    it('saves a burst of concurrent posts of one external id once', async () => {
        const fields = { source_id: 'office', external_id: 'burst', from_address: '+4790300003', message: 'burst' };
        const answers = await Promise.all(Array.from({ length: 6 }, () => post(form(fields), AUTH_OFFICE)));
        expect(answers.filter((answer) => savedId(answer.text))).toHaveLength(1);
        expect(answers.filter((answer) => answer.text === DUPLICATE)).toHaveLength(5);
        expect(visitorTexts(openRoomOf('src-office.p4790300003')!.id)).toEqual(['burst']);
    });

    it('answers every validation error with HTTP 200, Failed on the first line and one line per problem', async () => {
        const answer = await post(form({ source_id: 'office', from_address: 'not a phone!', message: '   ' }), AUTH_OFFICE);
        expect(answer).toMatchObject({ status: 200, type: expect.stringMatching(/^text\/plain/) });
        expect(answer.text).toBe(
            'Failed\nthe incoming message had validation errors:\n\nfrom_address: "not a phone!" is not a phone number or an alphanumeric sender id\nmessage: the message text is required',
        );
        const empty = await post('', AUTH_OFFICE);
        expect(empty.text).toBe("Failed\nthe incoming message had validation errors:\n\nfrom_address: the sender's phone number is required\nmessage: the message text is required");
        const unreadable = await world.host.call('messages/incoming', { method: 'post', headers: AUTH_OFFICE, content: '<xml/>' });
        expect(unreadable.content).toBe('Failed\nthe incoming message had validation errors:\n\ndata: the body must be form fields (application/x-www-form-urlencoded) or a JSON object');
    });

    it("refuses with 403, and saves nothing, a post without the source's login, with a wrong password, or for another source's id", async () => {
        const fields = form({ source_id: 'office', from_address: '+4790300009', message: 'forged' });
        expect((await post(fields, {})).status).toBe(403);
        expect((await post(fields, { Authorization: basic('gateway2', 'wrong-password') })).status).toBe(403);
        expect((await post(fields, { Authorization: basic('nobody', 'gw2-secret-pass') })).status).toBe(403);
        const other = await post(fields, AUTH_1);
        expect(other.status).toBe(403);
        expect(JSON.parse(other.text)).toEqual({ error: 'This login belongs to message source 1, not to source office' });
        expect(roomsOf('src-office.p4790300009')).toEqual([]);
        expect(roomsOf('src-1.p4790300009')).toEqual([]);
        expect(world.host.appLogText()).not.toContain('gw2-secret-pass');
    });

    it("routes a message that starts with a tag to the tag's department and takes the tag out of its text", async () => {
        const answer = await post(form({ source_id: '1', from_address: '+639170000001', message: 'fire: smoke on 5th street' }), AUTH_1);
        expect(savedId(answer.text)).toBeDefined();
        const room = openRoomOf('src-1.p639170000001')!;
        expect(room.department).toMatchObject({ name: 'Fire brigade' });
        expect(visitorTexts(room.id)).toEqual(['smoke on 5th street']);
        expect(notes(room.id).slice(-1)[0]).toBe('Tagged FIRE: for the department Fire brigade.');
    });

    it('keeps the tag in the text when "remove tags when matched" is off', async () => {
        await world.host.setSetting('message_remove_tags_when_matched', false);
        await post(form({ source_id: '1', from_address: '+639170000002', message: 'FIRE near the school' }), AUTH_1);
        const room = openRoomOf('src-1.p639170000002')!;
        expect(room.department).toMatchObject({ name: 'Fire brigade' });
        expect(visitorTexts(room.id)).toEqual(['FIRE near the school']);
        await world.host.setSetting('message_remove_tags_when_matched', true);
    });

    it("sends the agents' replies in a source's room to the sender as SMS through MessageGate", async () => {
        const room = openRoomOf('src-office.p4790300001')!;
        const reply = world.host.rc.agentSends(room.id, world.agent, 'We read you');
        await world.host.rc.settle();
        expect(world.gateway.sent.filter((message) => message.phoneNumbers.includes('+4790300001'))).toEqual([
            expect.objectContaining({ id: `tk-${reply.id}`, textMessage: { text: 'We read you' } }),
        ]);
    });

    it('opens the room in the SMS department, saying so, when a tag names a department Omnichannel does not have', async () => {
        const answer = await post(form({ source_id: 'office', external_id: 'w-1', from_address: '+4790300010', message: 'WATER leak in the basement' }), AUTH_OFFICE);
        expect(savedId(answer.text)).toBeDefined();
        const room = openRoomOf('src-office.p4790300010')!;
        expect(room.department).toMatchObject({ name: 'SMS' });
        expect(visitorTexts(room.id)).toEqual(['leak in the basement']);
        expect(notes(room.id)[0]).toBe(
            'Messages from +4790300010 through Source office. Replies here go out as SMS.\n' +
                'This conversation belongs to the department “Water works”, which Omnichannel does not have (check the Tickets settings); it opened here instead.',
        );
        expect(world.host.appLogText()).toContain('Message source office: the department \\"Water works\\" (of the source or its tag) does not exist in Omnichannel');
    });

    it("sends the replies of a source whose replies go through the SMS provider template by that provider, not MessageGate", async () => {
        const answer = await post(form({ source_id: 'hotline', external_id: 'h-1', from_address: '+4790300009', message: 'Hotline here' }), { Authorization: basic('gateway3', 'gw3-secret-pass') });
        expect(answer.status).toBe(200);
        const room = openRoomOf('src-hotline.p4790300009')!;
        world.host.rc.agentSends(room.id, world.agent, 'Through the provider');
        await world.host.rc.settle();
        await world.host.rc.runJobsUntilIdle();
        expect(provider.accepted.map((sent) => [sent.request.body.to, sent.request.body.body])).toEqual([['+4790300009', 'Through the provider']]);
        expect(world.gateway.sent.filter((message) => message.phoneNumbers.includes('+4790300009'))).toEqual([]);
    });

    it('answers 503, saving nothing and keeping the external id free, when Rocket.Chat cannot open the room (no agent online)', async () => {
        const fields = form({ source_id: 'office', external_id: 'while-offline', from_address: '+4790300004', message: 'anyone?' });
        world.host.rc.acceptChatsWithNoAgents = false;
        world.agent.status = 'offline';
        try {
            const answer = await post(fields, AUTH_OFFICE);
            expect(answer.status).toBe(503);
            expect(JSON.parse(answer.text)).toEqual({ error: "The message could not be put in a room: There's no agents online" });
        } finally {
            world.host.rc.acceptChatsWithNoAgents = true;
            world.agent.status = 'online';
        }
        expect(savedId((await post(fields, AUTH_OFFICE)).text)).toBeDefined();
        expect(visitorTexts(openRoomOf('src-office.p4790300004')!.id)).toEqual(['anyone?']);
    });

    it('answers malformed bodies and headers with Failed or 403, never with a server error', async () => {
        const bodies: Array<unknown> = [null, 42, [], ['a'], 'data[Message]', '%%%', '{"data": [1, 2]}', { data: 'x' }, { data: { Message: [] } }, { 'data[Message][message]': { $ne: 1 } }, 'x'.repeat(10000)];
        for (const content of bodies) {
            const answer = await world.host.call('messages/incoming', { method: 'post', headers: AUTH_OFFICE, content });
            expect([JSON.stringify(content).slice(0, 40), answer.status, String(answer.content).split('\n')[0]]).toEqual([JSON.stringify(content).slice(0, 40), 200, 'Failed']);
        }
        for (const authorization of ['Basic', 'Basic %%%', `Basic ${Buffer.from('no-colon').toString('base64')}`, 'Bearer x', 'Basic '.repeat(1000)]) {
            expect((await world.host.call('messages/incoming', { method: 'post', headers: { Authorization: authorization }, content: {} })).status).toBe(403);
        }
    });

    it('answers 405 to a GET', async () => {
        const answer = await world.host.call('messages/incoming', { method: 'get', headers: AUTH_1 });
        expect(answer).toMatchObject({ status: 405, content: { error: 'GET is not allowed on messages/incoming; use POST' } });
    });

    it('keeps the previous sources when an admin saves ones that cannot be used, and logs why without the passwords', async () => {
        const before = world.host.setting('message_sources');
        await world.host.setSetting('message_sources', JSON.stringify([{ id: '9', username: 'gw9', pasword: 'typo-secret-9' }]));
        expect(world.host.setting('message_sources')).toBe(before);
        await world.host.setSetting('message_sources', '[{"id": "9", "username": "gw9", "password": "broken-secret-9"');
        expect(world.host.setting('message_sources')).toBe(before);
        const logs = world.host.appLogText();
        expect(logs).toContain('Kept the previous value of setting message_sources: Message sources cannot be used: source 1: unknown field \\"pasword\\"');
        expect(logs).toContain('Kept the previous value of setting message_sources: Message sources cannot be used: it is not valid JSON');
        expect(logs).not.toMatch(/typo-secret-9|broken-secret-9/);
    });
});
