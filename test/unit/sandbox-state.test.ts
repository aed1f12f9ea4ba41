import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { StateFile } from '../../sandbox/state-file';
import { InMemoryRocketChat } from '../harness/rocketchat';

/** The sandbox's state file: what a restart loads must be what was there, linked as the live objects were. */
describe('The sandbox state file', () => {
    let dir: string;
    let file: StateFile;

    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-state-'));
        file = new StateFile(path.join(dir, 'nested', 'state.json'));
    });

    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    function omnichannel(): { rc: InMemoryRocketChat; room: any } {
        const rc = new InMemoryRocketChat();
        const department = rc.addDepartment('SMS');
        const agent = rc.addAgent('sam.agent', [department.id]);
        const visitor = rc.upsertVisitor({ token: 'sms-+4790214465', name: '+4790214465', department: department.id, phone: [{ phoneNumber: '+4790214465' }] });
        const room = rc.createLivechatRoom(visitor, agent, {});
        rc.agentSends(room.id, agent, 'A team is on its way', { name: 'route.png', type: 'image/png', content: Buffer.from([0x89, 0x50, 0x4e, 0x47]) });
        rc.records.set('rec1', { id: 'rec1', appId: 'app', data: { roomId: room.id, openedAt: '2026-01-01T00:00:00.000Z', at: new Date('2026-01-02T03:04:05.000Z') }, associations: [{ model: 'room', id: room.id }] });
        rc.jobs.push({ processorId: 'outbox-attempt_app', runAt: 1767225600000, data: { id: 'tk-1' } });
        return { rc, room };
    }

    const saved = { settings: { notes_language: 'es' }, rapidProTickets: [], phone: { sent: [], messages: [] } };

    it('brings back rooms, messages, uploads, records, jobs and settings as they were', () => {
        const { rc, room } = omnichannel();
        file.write(file.serialize(rc, saved));

        const loaded = new InMemoryRocketChat();
        const state = file.load(loaded);

        expect(state.settings).toEqual({ notes_language: 'es' });
        expect([...loaded.rooms.keys()]).toEqual([room.id]);
        expect(loaded.messagesIn(room.id).map((message) => message.text)).toEqual(['A team is on its way']);
        expect(loaded.jobs).toEqual(rc.jobs);
        const record = loaded.records.get('rec1')!;
        expect(record.data.at).toBeInstanceOf(Date);
        expect(record.data.at.toISOString()).toBe('2026-01-02T03:04:05.000Z');
        expect(record.data.openedAt).toBe('2026-01-01T00:00:00.000Z');
        const [upload] = [...loaded.uploads.values()];
        expect(upload.buffer).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
        expect(loaded.rooms.get(room.id).createdAt).toBeInstanceOf(Date);
    });

    it('links messages, rooms, visitors and agents to one another again, as the live objects were', () => {
        const { rc, room } = omnichannel();
        file.write(file.serialize(rc, saved));

        const loaded = new InMemoryRocketChat();
        file.load(loaded);

        const loadedRoom = loaded.rooms.get(room.id);
        expect(loaded.messagesIn(room.id)[0].room).toBe(loadedRoom);
        expect(loadedRoom.visitor).toBe(loaded.visitors.get(room.visitor.id));
        expect(loadedRoom.servedBy).toBe(loaded.users.get(room.servedBy.id));
        expect(loadedRoom.department).toBe(loaded.departments.get(room.department.id));
        // A close after the restart is seen by every message of the room, as in the database.
        loadedRoom.isOpen = false;
        expect(loaded.messagesIn(room.id)[0].room.isOpen).toBe(false);
    });

    it('refuses a file of another format instead of starting from half a state', () => {
        fs.mkdirSync(path.dirname(file.file), { recursive: true });
        fs.writeFileSync(file.file, JSON.stringify({ format: 99 }));
        expect(() => file.load(new InMemoryRocketChat())).toThrow(/--fresh/);
    });
});

describe('The in-memory Rocket.Chat scheduler on a clock', () => {
    it('runs only the jobs whose time has come, and a failing job does not hold back the others', async () => {
        const rc = new InMemoryRocketChat();
        const ran: Array<string> = [];
        rc.processors.set('ok_app', async (data) => void ran.push(data.name));
        rc.processors.set('broken_app', async () => {
            throw new Error('boom');
        });
        rc.jobs.push({ processorId: 'broken_app', runAt: 1000, data: {} }, { processorId: 'ok_app', runAt: 2000, data: { name: 'due' } }, { processorId: 'ok_app', runAt: 5000, data: { name: 'later' } });
        const failures: Array<string> = [];

        const count = await rc.runDueJobs((job, error) => failures.push(`${job.processorId}: ${String(error)}`), 3000);

        expect(count).toBe(2);
        expect(ran).toEqual(['due']);
        expect(failures).toEqual(['broken_app: Error: boom']);
        expect(rc.jobs.map((job) => job.data.name)).toEqual(['later']);
    });
});
