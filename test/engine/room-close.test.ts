import { selectedEngines } from '../harness/engines';
import { authorized, startTicketer, stopTicketer, TicketerWorld } from '../harness/ticketer';
import { expectError } from './expectations';
import { closeRequest, roomRequest, visitorMessage } from './fixtures';

describe.each(selectedEngines())('room.close on $name $version', (engine) => {
    let world: TicketerWorld;
    beforeAll(async () => {
        world = await startTicketer(engine);
    });
    afterAll(() => stopTicketer(world));

    const openRoom = async (token: string) => (await world.host.call('room', { method: 'get', headers: authorized(), content: roomRequest(token) })).content.id;
    const closeRoom = (content: unknown, method = 'get') => world.host.call('room.close', { method, headers: authorized(), content });

    it('closes the room for the contract body with 204 and sends no close-room back to RapidPro', async () => {
        const roomId = await openRoom('10000');
        const answer = await closeRoom(closeRequest('10000'));
        expect(answer.status).toBe(204);
        expect(world.host.rc.rooms.get(roomId)).toMatchObject({ isOpen: false, closedBy: { id: world.host.appUser().id }, closingComment: 'Closed by RapidPro' });
        await world.host.rc.settle();
        expect(await world.host.rc.runScheduledJobs()).toBe(0);
        expect([...world.host.rc.records.values()].filter((record) => record.data.delivery)).toEqual([]);
        expect(world.rapidpro.callbacks).toEqual([]);
    });

    it('answers 204 again for a ticket that is already closed', async () => {
        await openRoom('10001');
        expect((await closeRoom(closeRequest('10001'))).status).toBe(204);
        expect((await closeRoom(closeRequest('10001'))).status).toBe(204);
    });

    it('answers 204 for a ticket whose room an agent already closed, and sends close-room only once', async () => {
        const roomId = await openRoom('10002');
        world.host.rc.closeLivechatRoom(roomId, 'solved', world.agent);
        await world.host.rc.settle();
        expect((await closeRoom(closeRequest('10002'))).status).toBe(204);
        await world.host.rc.runScheduledJobs();
        await world.host.rc.settle();
        expect(world.rapidpro.callbacks.map((callback) => callback.body.type)).toEqual(['close-room']);
        world.rapidpro.callbacks.length = 0;
    });

    it('accepts POST as well as GET', async () => {
        const roomId = await openRoom('10003');
        expect((await closeRoom(closeRequest('10003'), 'post')).status).toBe(204);
        expect(world.host.rc.rooms.get(roomId).isOpen).toBe(false);
    });

    it('answers 404 with the contract message for a token that never had a room', async () => {
        expectError(await closeRoom(closeRequest('404404')), 404, 'Could not find a room for visitor token: 404404');
    });

    it('refuses a body without visitor.token with 400', async () => {
        expectError(await closeRoom({ visitor: {} }), 400, 'visitor.token is required');
    });

    it('refuses visitor messages for the closed ticket with a clear 4xx', async () => {
        await openRoom('10004');
        await closeRoom(closeRequest('10004'));
        const answer = await world.host.call('visitor-message', { method: 'post', headers: authorized(), content: visitorMessage('10004') });
        expectError(answer, 409, 'The room for visitor token: 10004 is closed');
    });
});
