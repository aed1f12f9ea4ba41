import { selectedEngines } from '../harness/engines';
import { SIGNING_KEY, smsRoomOf, SmsWorld, startSmsWorld, stopSmsWorld } from '../harness/sms';

const visitorMessagesIn = (world: SmsWorld, roomId: string) => world.host.rc.messagesIn(roomId).filter((message) => message.token);
const notesIn = (world: SmsWorld, roomId: string) => world.host.rc.messagesIn(roomId).filter((message) => message.sender.id === world.host.appUser().id);

describe.each(selectedEngines())('SMS in (seed gateway build) on $name $version', (engine) => {
    let world: SmsWorld;
    beforeAll(async () => {
        world = await startSmsWorld(engine, 'seed');
    });
    afterAll(() => stopSmsWorld(world));

    it('registers its webhook for every handled event at the Site URL, under stable ids', () => {
        const url = `${world.host.rc.siteUrl}/api/apps/public/${world.host.appId}/messagegate/webhook`;
        const hooks = world.gateway.webhooks();
        expect(hooks.map((hook) => hook.event).sort()).toEqual(['mms:downloaded', 'mms:received', 'sms:cancelled', 'sms:delivered', 'sms:failed', 'sms:received', 'sms:sent']);
        expect(hooks.every((hook) => hook.url === url && hook.id.startsWith('tickets-'))).toBe(true);
    });

    it("opens a room in the SMS department for a new number, with the SMS as the visitor's message and the number as the name", async () => {
        const result = await world.gateway.receiveSms('+4790214465', 'Hello, I need help');
        expect(result.statuses).toEqual([200]);
        const room = smsRoomOf(world, '+4790214465');
        expect(room).toMatchObject({ isOpen: true, department: { name: 'SMS' }, visitor: { name: '+4790214465' } });
        expect(visitorMessagesIn(world, room.id).map((message) => message.text)).toEqual(['Hello, I need help']);
        expect(notesIn(world, room.id).map((message) => message.text)).toEqual(['SMS conversation with +4790214465. Replies here go out as SMS.']);
    });

    it('puts the next SMS of the number into the same open room, with <, >, &, = and quotes as typed (the phone sends them Gson-escaped)', async () => {
        await world.gateway.receiveSms('+4790214465', "a<b & c>d = 'x'");
        const room = smsRoomOf(world, '+4790214465');
        expect(visitorMessagesIn(world, room.id).map((message) => message.text)).toEqual(['Hello, I need help', "a<b & c>d = 'x'"]);
        expect(world.gateway.deliveries.slice(-1)[0].body).toContain('\\u003cb \\u0026 c\\u003ed \\u003d \\u0027x\\u0027');
    });

    it('opens a new room for the number once its room was closed', async () => {
        const first = smsRoomOf(world, '+4790214465');
        world.host.rc.closeLivechatRoom(first.id, 'done', world.agent);
        await world.host.rc.settle();
        await world.gateway.receiveSms('+4790214465', 'Me again');
        const second = smsRoomOf(world, '+4790214465');
        expect(second.id).not.toBe(first.id);
        expect(visitorMessagesIn(world, second.id).map((message) => message.text)).toEqual(['Me again']);
    });

    it('keeps one message when the same webhook is delivered again and again (the phone retries)', async () => {
        const result = await world.gateway.receiveSms('+4790000001', 'Only once');
        for (let retry = 0; retry < 5; retry++) {
            expect((await world.gateway.redeliver(result.envelopeId)).statuses).toEqual([200]);
        }
        expect(visitorMessagesIn(world, smsRoomOf(world, '+4790000001').id).map((message) => message.text)).toEqual(['Only once']);
    });

    it('keeps one message when the phone sends the same SMS (number, text, receive time) under a new envelope', async () => {
        const receivedAt = '2026-11-23T10:00:00.000+01:00';
        await world.gateway.receiveSms('+4790000002', 'Same words', { receivedAt });
        const again = await world.gateway.receiveSms('+4790000002', 'Same words', { receivedAt });
        expect(again.bodies).toEqual([{ status: 'duplicate' }]);
        await world.gateway.receiveSms('+4790000002', 'Same words', { receivedAt: '2026-11-23T10:05:00.000+01:00' });
        expect(visitorMessagesIn(world, smsRoomOf(world, '+4790000002').id).map((message) => message.text)).toEqual(['Same words', 'Same words']);
    });

    it('opens one room for a burst of concurrent first messages from a new number, with every message in it', async () => {
        const texts = Array.from({ length: 10 }, (_, index) => `burst ${index}`);
        const results = await Promise.all(texts.map((text) => world.gateway.receiveSms('+4790000003', text)));
        expect(results.map((result) => result.statuses[0])).toEqual(texts.map(() => 200));
        const rooms = [...world.host.rc.rooms.values()].filter((room) => room.visitor && room.visitor.name === '+4790000003');
        expect(rooms).toHaveLength(1);
        expect(visitorMessagesIn(world, rooms[0].id).map((message) => message.text).sort()).toEqual([...texts].sort());
    });

    it('gives an SMS from an alphanumeric sender id (a bank, a service) its own room instead of refusing it', async () => {
        expect((await world.gateway.receiveSms('DNB Bank', 'Your code is 1234')).bodies).toEqual([{ status: 'accepted' }]);
        const room = [...world.host.rc.rooms.values()].find((candidate) => candidate.visitor && candidate.visitor.name === 'DNB Bank');
        expect(visitorMessagesIn(world, room.id).map((message) => message.text)).toEqual(['Your code is 1234']);
    });

    describe('refuses with 401, and posts nothing, a webhook', () => {
        const payload = { messageId: 'abc', phoneNumber: '+4790000009', simNumber: 1, message: 'forged', receivedAt: '2026-11-23T10:00:00.000+01:00' };
        const refused = async (options: object, reason: string) => {
            const result = await world.gateway.deliver('sms:received', payload, options);
            expect(result.statuses).toEqual([401]);
            expect(result.bodies[0].error).toContain(reason);
            expect(smsRoomOf(world, '+4790000009')).toBeUndefined();
        };

        it('without a signature', () => refused({ signature: null }, 'not signed'));
        it('signed with another key', () => refused({ signingKey: 'another-key-999' }, 'Invalid webhook signature'));
        it('whose body was changed after signing', () => refused({ tamper: (body: string) => body.replace('forged', 'forgeD') }, 'Invalid webhook signature'));
        it('with a timestamp older than the window', () => refused({ timestamp: Math.floor(Date.now() / 1000) - 301 }, 'X-Timestamp'));
        it('with a timestamp in the future beyond the window', () => refused({ timestamp: Math.floor(Date.now() / 1000) + 301 }, 'X-Timestamp'));
        it('with a signature made over another timestamp', () => refused({ signature: undefined, timestamp: 'abc' }, 'X-Timestamp'));
    });

    it('refuses a signed body it cannot read with 400 naming the field', async () => {
        const result = await world.gateway.deliver('sms:received', { messageId: 'x', simNumber: 1, message: 'no number' });
        expect(result.statuses).toEqual([400]);
        expect(result.bodies[0]).toEqual({ error: 'payload.phoneNumber is required' });
    });

    it('acknowledges an event it does not handle with 200', async () => {
        const url = world.gateway.webhooks()[0].url;
        const result = await world.gateway.deliver('system:ping', { health: { status: 'pass' } }, { to: url });
        expect(result).toMatchObject({ statuses: [200], bodies: [{ status: 'ignored' }] });
    });

    it('puts an MMS into the room: its text, then every part fetched from the gateway as a file from the visitor', async () => {
        const photo = Buffer.from('\x89PNG fake image bytes \x00\x01\x02', 'binary');
        const doc = Buffer.from('%PDF-1.4 fake document');
        const [result] = await world.gateway.receiveMms('+4790000004', {
            subject: 'Photos',
            text: 'see attached',
            parts: [
                { content: photo, mimeType: 'image/png', filename: 'photo.png' },
                { content: doc, mimeType: 'application/pdf', filename: 'letter.pdf' },
            ],
        });
        expect(result.statuses).toEqual([200]);
        const room = smsRoomOf(world, '+4790000004');
        const messages = visitorMessagesIn(world, room.id);
        expect(messages.map((message) => message.text || message.file.name)).toEqual(['Photos\nsee attached', 'photo.png', 'letter.pdf']);
        const stored = messages.slice(1).map((message) => world.host.rc.uploads.get(message.file._id)!.buffer);
        expect(stored).toEqual([photo, doc]);
        expect(world.gateway.mediaRequests).toHaveLength(2);
        // The signed links are used once and never kept.
        expect(JSON.stringify([...world.host.rc.records.values()])).not.toContain('token=');
    });

    it('keeps one copy of an MMS delivered twice under new envelopes (same transaction)', async () => {
        const parts = [{ content: Buffer.from('one'), mimeType: 'text/plain', filename: 'one.txt' }];
        await world.gateway.receiveMms('+4790000005', { transactionId: 'T-77', parts });
        await world.gateway.receiveMms('+4790000005', { transactionId: 'T-77', parts });
        expect(visitorMessagesIn(world, smsRoomOf(world, '+4790000005').id)).toHaveLength(1);
    });

    it('tells the agents which part of an MMS could not be fetched, and still delivers the others', async () => {
        const parts = [
            { content: Buffer.from('lost'), mimeType: 'image/jpeg', filename: 'lost.jpg' },
            { content: Buffer.from('kept'), mimeType: 'image/jpeg', filename: 'kept.jpg' },
        ];
        const failing = world.gateway.addMedia(Buffer.from('x'), 'image/jpeg', 'x.jpg');
        world.gateway.failMedia(failing.id);
        const payload = {
            messageId: 'mms-1',
            phoneNumber: '+4790000006',
            simNumber: 1,
            transactionId: 'T-78',
            subject: '',
            size: 8,
            contentClass: 'IMAGE_BASIC',
            attachments: [
                { ...failing, filename: 'lost.jpg' },
                world.gateway.addMedia(parts[1].content, parts[1].mimeType, parts[1].filename),
            ],
            receivedAt: new Date().toISOString(),
        };
        expect((await world.gateway.deliver('mms:received', payload)).statuses).toEqual([200]);
        const room = smsRoomOf(world, '+4790000006');
        expect(visitorMessagesIn(world, room.id).map((message) => message.file.name)).toEqual(['kept.jpg']);
        expect(notesIn(world, room.id).slice(-1)[0].text).toBe('A file of this MMS could not be copied into the room (lost.jpg): MessageGate answered HTTP 500');
    });

    it('never logs the signing key or the gateway password in its own lines', () => {
        expect(world.host.appLogText()).toContain('Invalid webhook signature');
        expect(world.host.appLogText()).not.toContain(SIGNING_KEY);
        expect(world.host.appLogText()).not.toContain('gate-pass-1');
    });
});
