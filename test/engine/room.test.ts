import { selectedEngines } from '../harness/engines';
import { authorized, startTicketer, stopTicketer, TicketerWorld } from '../harness/ticketer';
import { roomRequest } from './fixtures';

describe.each(selectedEngines())('room on $name $version', (engine) => {
    let world: TicketerWorld;
    beforeAll(async () => {
        world = await startTicketer(engine);
    });
    afterAll(() => stopTicketer(world));

    it('opens a livechat room for the contract body and answers 201 {"id": roomId}', async () => {
        const answer = await world.host.call('room', { method: 'get', headers: authorized(), content: roomRequest('1234567') });
        if (answer.status !== 201) console.log(world.host.logText());
        expect(answer.status).toBe(201);
        const room = world.host.rc.rooms.get(answer.content.id);
        expect(room).toMatchObject({ type: 'l', isOpen: true });
        expect(room.visitor).toMatchObject({ token: '1234567', name: 'Ryan Lewis' });
    });
});
