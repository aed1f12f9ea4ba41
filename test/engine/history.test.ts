import { selectedEngines } from '../harness/engines';
import { authorized, startTicketer, stopTicketer, TicketerWorld } from '../harness/ticketer';
import { CONTACT_UUID, roomRequest } from './fixtures';

/** A message as RapidPro's API v2 writes it. */
const rapidProMessage = (id: number, direction: 'in' | 'out', text: string, createdOn: string, extra: object = {}) => ({
    id,
    broadcast: null,
    contact: { uuid: CONTACT_UUID, name: 'Ryan Lewis' },
    urn: 'tel:+12024561111',
    channel: { uuid: '9a8b001e-a913-486c-80f4-1356e23f582e', name: 'Vonage' },
    direction,
    type: direction === 'in' ? 'text' : 'flow',
    status: direction === 'in' ? 'handled' : 'delivered',
    visibility: 'visible',
    text,
    attachments: [],
    labels: [],
    flow: null,
    created_on: createdOn,
    sent_on: createdOn,
    modified_on: createdOn,
    ...extra,
});

describe.each(selectedEngines())('conversation history from RapidPro on $name $version', (engine) => {
    let world: TicketerWorld;
    beforeAll(async () => {
        world = await startTicketer(engine);
        await world.host.setSetting('rapidpro_api_token', world.rapidpro.apiToken);
        world.rapidpro.contactMessages.push(
            rapidProMessage(5, 'in', 'I want to talk to a person', '2020-07-17T10:31:00.000000Z'),
            rapidProMessage(4, 'out', 'This reply never went out', '2020-07-17T10:30:30.000000Z', { status: 'failed' }),
            rapidProMessage(3, 'in', '', '2020-07-17T10:30:00.000000Z', { attachments: [{ content_type: 'image/jpeg', url: 'https://media.example.org/photo.jpg' }] }),
            rapidProMessage(2, 'out', 'What is the problem?', '2020-07-17T10:29:00.000000Z'),
            rapidProMessage(1, 'in', 'My water is cut off', '2020-07-17T10:28:30.000000Z'),
            rapidProMessage(0, 'in', 'An older session', '2020-07-16T09:00:00.000000Z'),
        );
    });
    afterAll(() => stopTicketer(world));
    beforeEach(() => {
        world.rapidpro.apiRequests.length = 0;
        world.rapidpro.pageSize = 250;
        world.rapidpro.apiStatus = 200;
        world.host.rc.jobs.length = 0;
    });

    const openRoom = async (token: string, sessionStart?: string) =>
        (await world.host.call('room', { method: 'get', headers: authorized(), content: { ...roomRequest(token), sessionStart } })).content.id;
    const notesIn = (roomId: string) => world.host.rc.messagesIn(roomId).filter((message) => message.sender.id === world.host.appUser().id).map((message) => message.text);
    const runJobs = () => world.host.rc.runJobsUntilIdle();

    it('shows the agents the conversation since the session started, oldest first, without what never went out', async () => {
        const roomId = await openRoom('5000', '2020-07-17T10:28:00Z');
        await runJobs();
        expect(notesIn(roomId)[1]).toBe(
            [
                'Conversation with RapidPro before the handover (since 2020-07-17 10:28 UTC):',
                '2020-07-17 10:28 UTC Contact: My water is cut off',
                '2020-07-17 10:29 UTC RapidPro: What is the problem?',
                '2020-07-17 10:30 UTC Contact: https://media.example.org/photo.jpg',
                '2020-07-17 10:31 UTC Contact: I want to talk to a person',
            ].join('\n'),
        );
        expect(world.rapidpro.apiRequests).toEqual([
            { path: '/api/v2/messages.json', query: { contact: CONTACT_UUID, after: '2020-07-17T10:28:00.000Z' }, authorization: `Token ${world.rapidpro.apiToken}` },
        ]);
    });

    it('follows the pages of the API', async () => {
        world.rapidpro.pageSize = 2;
        const roomId = await openRoom('5001', '2020-07-17T10:28:00Z');
        await runJobs();
        expect(notesIn(roomId)[1].split('\n')).toHaveLength(5);
        expect(world.rapidpro.apiRequests.map((request) => request.query.cursor)).toEqual([undefined, '2', '4']);
    });

    it('reaches back the configured hours when RapidPro sends no session start', async () => {
        await openRoom('5002');
        await runJobs();
        const after = Date.parse(world.rapidpro.apiRequests[0].query.after);
        expect(Date.now() - after).toBeGreaterThan(6 * 3600 * 1000 - 60000);
        expect(Date.now() - after).toBeLessThan(6 * 3600 * 1000 + 60000);
    });

    it('retries while RapidPro is failing, then tells the agents the history could not be loaded', async () => {
        world.rapidpro.apiStatus = 503;
        const roomId = await openRoom('5003', '2020-07-17T10:28:00Z');
        await runJobs();
        expect(world.rapidpro.apiRequests).toHaveLength(3);
        expect(notesIn(roomId)[1]).toBe('The conversation before the handover could not be loaded from RapidPro: RapidPro answered HTTP 503');
    });

    it('says at once when RapidPro refuses the token', async () => {
        await world.host.setSetting('rapidpro_api_token', 'not-the-token');
        try {
            const roomId = await openRoom('5004', '2020-07-17T10:28:00Z');
            await runJobs();
            expect(world.rapidpro.apiRequests).toHaveLength(1);
            expect(notesIn(roomId)[1]).toBe('The conversation before the handover could not be loaded from RapidPro: RapidPro answered HTTP 403 without messages');
        } finally {
            await world.host.setSetting('rapidpro_api_token', world.rapidpro.apiToken);
        }
    });

    it('fetches nothing without an API token', async () => {
        await world.host.setSetting('rapidpro_api_token', '');
        try {
            const roomId = await openRoom('5005', '2020-07-17T10:28:00Z');
            await runJobs();
            expect(world.rapidpro.apiRequests).toEqual([]);
            expect(notesIn(roomId)).toHaveLength(1);
        } finally {
            await world.host.setSetting('rapidpro_api_token', world.rapidpro.apiToken);
        }
    });
});
