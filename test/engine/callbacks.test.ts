import { selectedEngines } from '../harness/engines';
import { APP_SECRET, authorized, startTicketer, stopTicketer, TicketerWorld } from '../harness/ticketer';
import { roomRequest, TICKET_ID } from './fixtures';

describe.each(selectedEngines())('callbacks to RapidPro on $name $version', (engine) => {
    let world: TicketerWorld;
    beforeAll(async () => {
        world = await startTicketer(engine);
    });
    afterAll(() => stopTicketer(world));
    beforeEach(() => {
        world.rapidpro.callbacks.length = 0;
        world.host.rc.jobs.length = 0;
    });

    const openRoom = async (token: string): Promise<string> =>
        (await world.host.call('room', { method: 'get', headers: authorized(), content: roomRequest(token) })).content.id;
    const callbackBodies = () => world.rapidpro.callbacks.map((callback) => callback.body);
    /** Runs the scheduled retries as if their time had come. */
    const runRetries = () => world.host.rc.runScheduledJobs();

    it("posts an agent's text as the contract's agent-message, with the App Secret", async () => {
        const roomId = await openRoom('3000');
        world.host.rc.agentSends(roomId, world.agent, 'We can help');
        const [callback] = await world.host.waitFor('the agent-message callback', () => world.rapidpro.callbacks.length === 1 && world.rapidpro.callbacks);
        expect(callback.method).toBe('POST');
        expect(callback.headers.authorization).toBe(`Token ${APP_SECRET}`);
        expect(callback.headers['content-type']).toMatch(/^application\/json/);
        expect(callback.path).toBe(new URL(world.rapidpro.callbackUrl).pathname);
        expect(callback.body).toEqual({ type: 'agent-message', ticketID: TICKET_ID, visitor: { token: '3000' }, data: { text: 'We can help' } });
    });

    it("sends an agent's file as an absolute Rocket.Chat file URL with its type", async () => {
        const roomId = await openRoom('3001');
        const sent = world.host.rc.agentSends(roomId, world.agent, 'Here is the form', { name: 'form 1.png', type: 'image/png', content: Buffer.from('png') });
        await world.host.waitFor('the agent-message callback', () => world.rapidpro.callbacks.length === 1);
        expect(callbackBodies()[0].data).toEqual({
            text: 'Here is the form',
            attachments: [{ type: 'image/png', url: `${world.host.rc.siteUrl}/file-upload/${sent.file._id}/form%201.png` }],
        });
    });

    it('forwards neither visitor messages, nor its own notes, nor messages of rooms that are not tickets', async () => {
        const roomId = await openRoom('3002');
        await world.host.call('visitor-message', { method: 'post', headers: authorized(), content: { visitor: { token: '3002' }, text: 'hello' } });
        const other = world.host.rc.createLivechatRoom(world.host.rc.upsertVisitor({ token: 'widget-1', name: 'Web visitor' }), world.agent, undefined);
        world.host.rc.agentSends(other.id, world.agent, 'not a ticket');
        await world.host.rc.settle();
        expect(world.host.rc.messagesIn(roomId).some((message) => message.sender.id === world.host.appUser().id)).toBe(true);
        expect(world.rapidpro.callbacks).toEqual([]);
    });

    it('posts close-room when an agent closes the room in Rocket.Chat, once, a few seconds later', async () => {
        const roomId = await openRoom('3003');
        world.host.rc.closeLivechatRoom(roomId, 'solved', world.agent);
        const [job] = await world.host.waitFor('the held close-room', () => world.host.rc.jobs.length === 1 && world.host.rc.jobs);
        expect(job.runAt - Date.now()).toBeGreaterThan(3000);
        expect(world.rapidpro.callbacks).toEqual([]);
        await runRetries();
        expect(callbackBodies()).toEqual([{ type: 'close-room', ticketID: TICKET_ID, visitor: { token: '3003' } }]);
        world.host.rc.fireAgain('IPostLivechatRoomClosed', world.host.rc.rooms.get(roomId));
        world.host.rc.fireAgain('IPostLivechatRoomClosed', world.host.rc.rooms.get(roomId));
        await world.host.rc.settle();
        expect(await runRetries()).toBe(0);
        expect(world.rapidpro.callbacks).toHaveLength(1);
    });

    it("delivers the agent's last reply before close-room", async () => {
        const roomId = await openRoom('3009');
        world.host.rc.agentSends(roomId, world.agent, 'Goodbye!');
        world.host.rc.closeLivechatRoom(roomId, 'done', world.agent);
        await world.host.rc.settle();
        await runRetries();
        expect(callbackBodies().map((body) => body.type)).toEqual(['agent-message', 'close-room']);
    });

    it('names the newest ticket when RapidPro opens another one for the contact, and tells the agents', async () => {
        const roomId = await openRoom('3004');
        const newer = { ...roomRequest('3004'), ticketID: 'c0ffee00-0000-4000-8000-000000000004' };
        const answer = await world.host.call('room', { method: 'get', headers: authorized(), content: newer });
        expect(answer.content.id).toBe(roomId);
        const notes = world.host.rc.messagesIn(roomId).filter((message) => message.sender.id === world.host.appUser().id);
        expect(notes[notes.length - 1].text).toBe(
            `RapidPro opened ticket c0ffee00-0000-4000-8000-000000000004 for this contact (it was ${TICKET_ID}); replies now go to the new ticket.`,
        );
        world.host.rc.agentSends(roomId, world.agent, 'still here');
        await world.host.waitFor('the agent-message callback', () => world.rapidpro.callbacks.length === 1);
        expect(callbackBodies()[0].ticketID).toBe('c0ffee00-0000-4000-8000-000000000004');
    });

    it('keeps the order of replies whose handlers finish in the opposite order', async () => {
        const roomId = await openRoom('3011');
        // The photo's handler reads the Site URL, slowly: the text sent after it is handled first.
        world.host.rc.serverSettingLatencyMs = 300;
        try {
            world.host.rc.agentSends(roomId, world.agent, 'first, with the photo', { name: 'photo.jpg', type: 'image/jpeg', content: Buffer.from('jpg') });
            world.host.rc.agentSends(roomId, world.agent, 'second, see above');
            world.host.rc.closeLivechatRoom(roomId, 'done', world.agent);
            await world.host.rc.settle();
        } finally {
            world.host.rc.serverSettingLatencyMs = 0;
        }
        await world.host.rc.runJobsUntilIdle();
        expect(callbackBodies().map((body) => (body.type === 'close-room' ? 'close-room' : body.data.text))).toEqual(['first, with the photo', 'second, see above', 'close-room']);
    });

    it('tells the agents when files cannot be sent because the Site URL is not set, and still sends the text', async () => {
        const roomId = await openRoom('3012');
        const siteUrl = world.host.rc.siteUrl;
        world.host.rc.siteUrl = '';
        try {
            world.host.rc.agentSends(roomId, world.agent, 'the form', { name: 'form.pdf', type: 'application/pdf', content: Buffer.from('%PDF') });
            await world.host.waitFor('the agent-message callback', () => world.rapidpro.callbacks.length === 1);
        } finally {
            world.host.rc.siteUrl = siteUrl;
        }
        expect(callbackBodies()[0].data).toEqual({ text: 'the form' });
        const note = world.host.rc.messagesIn(roomId).find((message) => /Site URL/.test(message.text || ''));
        expect(note.text).toMatch(/^These files cannot be sent to RapidPro because the Site URL of Rocket.Chat is not set .*: \/file-upload\/.+\/form.pdf$/);
    });

    it('retries while RapidPro answers 5xx and delivers exactly once, with back-off', async () => {
        const roomId = await openRoom('3005');
        world.rapidpro.queueReplies({ status: 502, body: { error: 'bad gateway' } }, { status: 503, body: { error: 'unavailable' } });
        world.host.rc.agentSends(roomId, world.agent, 'are you there?');
        await world.host.waitFor('the first attempt', () => world.rapidpro.callbacks.length === 1);
        await world.host.waitFor('a scheduled retry', () => world.host.rc.jobs.length === 1);
        const firstDelay = world.host.rc.jobs[0].runAt - Date.now();
        expect(firstDelay).toBeGreaterThan(8000);
        expect(firstDelay).toBeLessThanOrEqual(10000);
        expect(await runRetries()).toBe(1);
        expect(world.host.rc.jobs).toHaveLength(1);
        expect(world.host.rc.jobs[0].runAt - Date.now()).toBeGreaterThan(18000);
        expect(await runRetries()).toBe(1);
        expect(world.host.rc.jobs).toHaveLength(0);
        expect(await runRetries()).toBe(0);
        await world.host.rc.settle();
        // The event handler logged the first failure, the scheduled jobs the second: both reach the app logs.
        expect(world.host.logText()).toMatch(/Attempt 1 of agent-message:\S+ failed \(RapidPro answered HTTP 502: bad gateway\); retrying in 10 s/);
        expect(world.host.logText()).toMatch(/Attempt 2 of agent-message:\S+ failed \(RapidPro answered HTTP 503: unavailable\); retrying in 20 s/);
        // Two refused attempts, then the one RapidPro accepted: the reply reached RapidPro exactly once.
        expect(callbackBodies()).toEqual(Array(3).fill({ type: 'agent-message', ticketID: TICKET_ID, visitor: { token: '3005' }, data: { text: 'are you there?' } }));
        expect(world.rapidpro.handled).toHaveLength(1);
    });

    it('keeps replies while RapidPro is down and delivers each once, in order, when it is back', async () => {
        const roomId = await openRoom('3006');
        await world.rapidpro.stop();
        try {
            for (const text of ['one', 'two', 'three']) {
                world.host.rc.agentSends(roomId, world.agent, text);
            }
            world.host.rc.closeLivechatRoom(roomId, 'bye', world.agent);
            await world.host.rc.settle();
            for (let round = 0; round < 3; round++) {
                expect(await runRetries()).toBeGreaterThan(0);
            }
        } finally {
            await world.rapidpro.start();
        }
        await world.host.rc.runJobsUntilIdle();
        expect(callbackBodies().map((body) => (body.type === 'close-room' ? 'close-room' : body.data.text))).toEqual(['one', 'two', 'three', 'close-room']);
    });

    it('lets a job run out of turn release nothing early: a close waits for the reply before it', async () => {
        const roomId = await openRoom('3013');
        world.rapidpro.queueReplies({ status: 500, body: { error: 'busy' } });
        world.host.rc.agentSends(roomId, world.agent, 'before the close');
        await world.host.waitFor('the reply waiting for its retry', () => world.host.rc.jobs.length === 1);
        world.host.rc.closeLivechatRoom(roomId, 'done', world.agent);
        await world.host.waitFor('the held close', () => world.host.rc.jobs.length === 2);
        // The close's job first, as if the scheduler ran it before the reply's retry.
        world.host.rc.jobs.sort((a, b) => (a.data.itemId.startsWith('close-room') ? -1 : 1) - (b.data.itemId.startsWith('close-room') ? -1 : 1));
        await world.host.rc.runJobsUntilIdle();
        expect(world.rapidpro.handled.map((callback) => callback.body.type)).toEqual(['agent-message', 'close-room']);
    });

    it('sends, with the recurring sweep, a reply left queued an hour ago whose attempt never ran', async () => {
        expect([...world.host.rc.recurringProcessors.entries()]).toContainEqual([`outbox-sweep_${world.host.appId}`, '5 minutes']);
        const roomId = await openRoom('3014');
        const tag = (id: string) => ({ model: 'misc', id });
        const hourAgo = Date.now() - 60 * 60 * 1000;
        world.host.rc.records.set('stranded', {
            id: 'stranded',
            appId: world.host.appId,
            associations: [tag('outbox-item:agent-message:stranded'), tag(`outbox-room:${roomId}`), tag('outbox')],
            data: {
                id: 'agent-message:stranded',
                roomId,
                happenedAt: hourAgo,
                closesRoom: false,
                createdAt: new Date(hourAgo).toISOString(),
                attempts: 0,
                failureNote: { key: 'replyNotDelivered', values: { summary: 'stranded' } },
                delivery: { transport: 'rapidpro-callback', body: { type: 'agent-message', ticketID: TICKET_ID, visitor: { token: '3014' }, data: { text: 'stranded' } } },
            },
        });
        await world.host.rc.runRecurring('outbox-sweep');
        expect(world.rapidpro.handled.map((callback) => callback.body.data.text)).toEqual(['stranded']);
        expect(world.host.rc.records.has('stranded')).toBe(false);
    });

    it('tells the agents, once, when RapidPro keeps failing that their replies are kept', async () => {
        const roomId = await openRoom('3015');
        world.rapidpro.queueReplies(...Array(4).fill({ status: 503, body: { error: 'maintenance' } }));
        world.host.rc.agentSends(roomId, world.agent, 'please wait');
        await world.host.waitFor('the first retry', () => world.host.rc.jobs.length === 1);
        await runRetries();
        await runRetries();
        await runRetries();
        const held = world.host.rc.messagesIn(roomId).filter((message) => /not taking replies/.test(message.text || ''));
        expect(held.map((message) => message.text)).toEqual([
            'RapidPro is not taking replies right now (RapidPro answered HTTP 503: maintenance). Your replies are kept and will be sent, in order, when it is back.',
        ]);
        await runRetries();
        expect(world.rapidpro.handled.map((callback) => callback.body.data.text)).toEqual(['please wait']);
    });

    it('gives up on a hanging RapidPro after the request timeout and delivers on the retry', async () => {
        const roomId = await openRoom('3010');
        await world.host.setSetting('request_timeout_seconds', 1);
        try {
            world.rapidpro.queueReplies({ status: 200, body: {}, hang: true });
            const started = Date.now();
            world.host.rc.agentSends(roomId, world.agent, 'slow');
            await world.host.waitFor('a scheduled retry', () => world.host.rc.jobs.length === 1);
            expect(Date.now() - started).toBeLessThan(10000);
            expect(world.rapidpro.handled).toEqual([]);
            await runRetries();
            expect(world.rapidpro.handled.map((callback) => callback.body.data.text)).toEqual(['slow']);
            expect(world.host.rc.jobs).toEqual([]);
        } finally {
            await world.host.setSetting('request_timeout_seconds', 15);
        }
    });

    it('gives up on a 4xx at once and tells the agent in the room', async () => {
        const roomId = await openRoom('3007');
        world.rapidpro.queueReplies({ status: 404, body: { error: `no such ticket ${TICKET_ID}` } });
        world.host.rc.agentSends(roomId, world.agent, 'hello?');
        const note = await world.host.waitFor('a note to the agent', () =>
            world.host.rc.messagesIn(roomId).find((message) => message.sender.id === world.host.appUser().id && /Not delivered/.test(message.text)),
        );
        expect(note.text).toBe(`Not delivered to RapidPro: RapidPro answered HTTP 404: no such ticket ${TICKET_ID}. Message: “hello?”`);
        expect(world.rapidpro.callbacks).toHaveLength(1);
        expect(world.host.rc.jobs).toHaveLength(0);
        world.host.rc.agentSends(roomId, world.agent, 'next one');
        await world.host.waitFor('the next reply', () => world.rapidpro.callbacks.length === 2);
        expect(callbackBodies()[1].data.text).toBe('next one');
    });

    it('sends replies to the callback URL an admin set in the settings', async () => {
        const roomId = await openRoom('3008');
        const { RapidProStandIn } = await import('../harness/rapidpro-standin');
        const moved = new RapidProStandIn();
        await moved.start();
        try {
            await world.host.setSetting('rapidpro_callback_url', moved.callbackUrl);
            world.host.rc.agentSends(roomId, world.agent, 'moved');
            await world.host.waitFor('the callback at the new URL', () => moved.callbacks.length === 1);
            expect(world.rapidpro.callbacks).toHaveLength(0);
        } finally {
            await world.host.setSetting('rapidpro_callback_url', world.rapidpro.callbackUrl);
            await moved.stop();
        }
    });
});
