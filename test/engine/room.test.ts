import { selectedEngines } from '../harness/engines';
import { authorized, startTicketer, stopTicketer, TicketerWorld } from '../harness/ticketer';
import { expectError } from './expectations';
import { CONTACT_UUID, roomRequest, TICKET_ID } from './fixtures';

describe.each(selectedEngines())('room on $name $version', (engine) => {
    let world: TicketerWorld;
    beforeAll(async () => {
        world = await startTicketer(engine);
    });
    afterAll(() => stopTicketer(world));

    const openRoom = (content: unknown, method = 'get') => world.host.call('room', { method, headers: authorized(), content });
    const notesIn = (roomId: string) => world.host.rc.messagesIn(roomId).filter((message) => message.sender.id === world.host.appUser().id);

    it('opens a livechat room for the contract body and answers 201 {"id": roomId}', async () => {
        const answer = await openRoom(roomRequest('1234567'));
        expect(answer.status).toBe(201);
        expect(answer.content).toEqual({ id: expect.any(String) });
        const room = world.host.rc.rooms.get(answer.content.id);
        expect(room).toMatchObject({ type: 'l', isOpen: true, servedBy: { id: world.agent.id } });
        expect(room.source).toMatchObject({ type: 'app', id: world.host.appId, label: 'RapidPro' });
        const visitor = world.host.rc.findVisitorByToken('1234567');
        expect(visitor).toMatchObject({
            name: 'Ryan Lewis',
            phone: [{ phoneNumber: '+12024561111' }],
            visitorEmails: [{ address: 'foo@bar.com' }],
        });
    });

    it('shows the agents the ticket it came from in a note', async () => {
        const answer = await openRoom(roomRequest('1234568'));
        const [note] = notesIn(answer.content.id);
        expect(note.text).toContain(`RapidPro ticket ${TICKET_ID} opened for contact ${CONTACT_UUID}`);
    });

    it('answers the open room again when RapidPro repeats the call, opening no second room', async () => {
        const first = await openRoom(roomRequest('2000'));
        const roomsBefore = world.host.rc.rooms.size;
        const again = await openRoom(roomRequest('2000'));
        expect(again).toMatchObject({ status: 201, content: { id: first.content.id } });
        expect(world.host.rc.rooms.size).toBe(roomsBefore);
    });

    it('opens exactly one room for 20 concurrent calls for one token', async () => {
        const answers = await Promise.all(Array.from({ length: 20 }, () => openRoom(roomRequest('2001'))));
        expect(new Set(answers.map((answer) => answer.status))).toEqual(new Set([201]));
        expect(new Set(answers.map((answer) => answer.content.id)).size).toBe(1);
        expect([...world.host.rc.rooms.values()].filter((room) => room.visitor.token === '2001')).toHaveLength(1);
    });

    it('accepts POST as well as GET', async () => {
        const answer = await openRoom(roomRequest('2002'), 'post');
        expect(answer.status).toBe(201);
        expect(world.host.rc.rooms.get(answer.content.id).isOpen).toBe(true);
    });

    it('accepts a body handed over as JSON text', async () => {
        const answer = await openRoom(JSON.stringify(roomRequest('2003')));
        expect(answer.status).toBe(201);
    });

    it('accepts a contact with only a token and shows its token as the contact', async () => {
        const answer = await openRoom({ visitor: { token: '2004' }, ticketID: TICKET_ID });
        expect(answer.status).toBe(201);
        expect(world.host.rc.findVisitorByToken('2004').name).toBe('rapidpro-2004');
    });

    it('updates a returning contact and opens a new room once the previous one is closed', async () => {
        const first = await openRoom(roomRequest('2005'));
        world.host.rc.closeLivechatRoom(first.content.id, 'done', world.agent);
        await world.host.rc.settle();
        const request = roomRequest('2005', 'a1c2e3f4-0000-4000-8000-000000000001');
        request.visitor.name = 'Ryan J. Lewis';
        const second = await openRoom(request);
        expect(second.status).toBe(201);
        expect(second.content.id).not.toBe(first.content.id);
        const visitors = [...world.host.rc.visitors.values()].filter((visitor) => visitor.token === '2005');
        expect(visitors).toHaveLength(1);
        expect(visitors[0].name).toBe('Ryan J. Lewis');
    });

    it.each([
        ['phone', '4001', { phone: [{ phoneNumber: '+4790214465' }] }, { phone: '+4790214465' }],
        ['email', '4002', { visitorEmails: [{ address: 'ana@example.org' }] }, { email: 'ana@example.org' }],
    ])('gives a contact its own visitor even when another visitor has the same %s', async (field, token, otherVisitor, contact) => {
        const other = world.host.rc.upsertVisitor({ token: `widget-${field}`, name: 'Web visitor', ...otherVisitor });
        const otherToken = other.token;
        const answer = await openRoom({ ticketID: TICKET_ID, visitor: { token, name: 'Ana', ...contact } });
        expect(answer.status).toBe(201);
        const visitor = world.host.rc.findVisitorByToken(token);
        expect(visitor.id).not.toBe(other.id);
        expect(visitor).toMatchObject({ name: 'Ana', ...otherVisitor });
        expect(world.host.rc.rooms.get(answer.content.id).visitor.token).toBe(token);
        expect(world.host.rc.visitors.get(other.id).token).toBe(otherToken);
        const message = await world.host.call('visitor-message', { method: 'post', headers: authorized(), content: { visitor: { token }, text: 'hi' } });
        expect(message.status).toBe(201);
    });

    it('routes to the department named by visitor.department, by name or by id', async () => {
        const sales = world.host.rc.addDepartment('Sales');
        const seller = world.host.rc.addAgent('sam.sales', [sales.id]);
        const byName = await openRoom({ ...roomRequest('2010'), visitor: { ...roomRequest('2010').visitor, department: 'Sales' } });
        const byId = await openRoom({ ...roomRequest('2011'), visitor: { ...roomRequest('2011').visitor, department: sales.id } });
        for (const answer of [byName, byId]) {
            expect(answer.status).toBe(201);
            expect(world.host.rc.rooms.get(answer.content.id)).toMatchObject({ department: { id: sales.id }, servedBy: { id: seller.id } });
        }
    });

    it('refuses a department that does not exist with 400, naming it, and opens nothing', async () => {
        const roomsBefore = world.host.rc.rooms.size;
        const answer = await openRoom({ ...roomRequest('2012'), visitor: { ...roomRequest('2012').visitor, department: 'Nowhere' } });
        expectError(answer, 400, 'Department "Nowhere" does not exist');
        expect(world.host.rc.rooms.size).toBe(roomsBefore);
    });

    it('uses the default department setting when the request names none', async () => {
        await world.host.setSetting('default_department', 'Support');
        try {
            const answer = await openRoom(roomRequest('2013'));
            expect(world.host.rc.rooms.get(answer.content.id).department).toMatchObject({ id: world.department.id });
            await world.host.setSetting('default_department', 'Gone');
            expectError(await openRoom(roomRequest('2014')), 400, 'default department "Gone"');
        } finally {
            await world.host.setSetting('default_department', '');
        }
    });

    it('saves custom fields Omnichannel defines and shows the others to the agents with their values', async () => {
        world.host.rc.visitorCustomFields.push('district');
        const request = { ...roomRequest('2020'), visitor: { ...roomRequest('2020').visitor, customFields: { district: 'Kibera', age: 34 } } };
        const answer = await openRoom(request);
        expect(answer.status).toBe(201);
        expect(world.host.rc.findVisitorByToken('2020').livechatData).toEqual({ district: 'Kibera' });
        const [note] = notesIn(answer.content.id);
        expect(note.text).toContain('were not saved on the visitor: age: 34');
    });

    it('keeps priority and sessionStart on the ticket note', async () => {
        const answer = await openRoom({ ...roomRequest('2021'), priority: 'high', sessionStart: '2020-07-17T10:28:00-03:00' });
        const [note] = notesIn(answer.content.id);
        expect(note.text).toContain('Priority: high');
        expect(note.text).toContain('Conversation started: 2020-07-17T13:28:00.000Z');
    });

    it('opens the room without an unusable email or sessionStart, and shows them to the agents', async () => {
        const answer = await openRoom({ ticketID: TICKET_ID, sessionStart: 'yesterday', visitor: { token: '2022', email: 'not-an-email' } });
        expect(answer.status).toBe(201);
        expect(world.host.rc.findVisitorByToken('2022').visitorEmails).toBeFalsy();
        const [note] = notesIn(answer.content.id);
        expect(note.text).toContain('visitor.email was not saved (not an email address): not-an-email');
        expect(note.text).toContain('sessionStart was not saved (sessionStart must be an RFC 3339 date-time, e.g. 2020-07-17T10:28:00Z): yesterday');
    });

    it.each([
        [{ ticketID: TICKET_ID }, 'visitor is required'],
        [{ visitor: {}, ticketID: TICKET_ID }, 'visitor.token is required'],
        [{ visitor: { token: ['1'] }, ticketID: TICKET_ID }, 'visitor.token must be a string'],
        [{ visitor: { token: '1' } }, 'ticketID is required'],
        [{ visitor: { token: '1', customFields: { a: { b: 1 } } }, ticketID: TICKET_ID }, 'visitor.customFields.a must be a string'],
        [[1, 2], 'The body must be a JSON object'],
        ['{not json', 'The body must be valid JSON'],
        [undefined, 'The body must be a JSON object'],
    ])('refuses %j with 400: %s', async (content, reason) => {
        expectError(await openRoom(content), 400, reason);
    });

    it('answers 503 with {"error"} when Rocket.Chat fails, so that RapidPro retries, and opens the room on the retry', async () => {
        world.host.rc.nextRoomCreationError = 'MongoNetworkError: connection reset';
        const failed = await openRoom(roomRequest('2040'));
        expectError(failed, 503, 'Tickets could not handle room; the reason is in the Tickets app logs');
        expect(failed.content.error).not.toContain('Mongo');
        expect(world.host.logText()).toContain('GET room failed: MongoNetworkError: connection reset');
        const retried = await openRoom(roomRequest('2040'));
        expect(retried.status).toBe(201);
    });

    it('closes a room whose ticket could not be recorded, so no reply goes astray, and opens a new one on the retry', async () => {
        const roomsBefore = new Set(world.host.rc.rooms.keys());
        world.host.rc.nextPersistenceWriteError = 'MongoWriteConcernError';
        expectError(await openRoom(roomRequest('2041')), 503, 'Tickets could not handle room');
        const [orphan] = [...world.host.rc.rooms.values()].filter((room) => !roomsBefore.has(room.id));
        expect(orphan).toMatchObject({ isOpen: false, closingComment: 'Closed: Tickets could not record this room; RapidPro opens the ticket again' });
        const retried = await openRoom(roomRequest('2041'));
        expect(retried.status).toBe(201);
        expect(world.host.rc.rooms.get(retried.content.id).isOpen).toBe(true);
    });

    it("answers 400 There's no agents online when Rocket.Chat cannot take the chat", async () => {
        const agents = [...world.host.rc.users.values()].filter((user) => user.roles.includes('livechat-agent'));
        world.host.rc.acceptChatsWithNoAgents = false;
        agents.forEach((agent) => (agent.status = 'offline'));
        try {
            const answer = await openRoom(roomRequest('2030'));
            expectError(answer, 400, "There's no agents online");
        } finally {
            world.host.rc.acceptChatsWithNoAgents = true;
            agents.forEach((agent) => (agent.status = 'online'));
        }
    });
});
