import { selectedEngines } from '../harness/engines';
import { authorized, startTicketer, stopTicketer, TicketerWorld } from '../harness/ticketer';
import { expectError } from './expectations';
import { roomRequest, visitorMessage } from './fixtures';

describe.each(selectedEngines())('visitor-message on $name $version', (engine) => {
    let world: TicketerWorld;
    let roomId: string;
    beforeAll(async () => {
        world = await startTicketer(engine);
        roomId = (await world.host.call('room', { method: 'get', headers: authorized(), content: roomRequest('10000') })).content.id;
    });
    afterAll(() => stopTicketer(world));

    const send = (content: unknown) => world.host.call('visitor-message', { method: 'post', headers: authorized(), content });
    const messageById = (id: string) => world.host.rc.messages.find((message) => message.id === id);

    it('posts the contract body as the visitor with its image shown inline, answering 201 {"id"}', async () => {
        const answer = await send(visitorMessage('10000'));
        expect(answer.status).toBe(201);
        expect(answer.content).toEqual({ id: expect.any(String) });
        const message = messageById(answer.content.id);
        expect(message).toMatchObject({ room: { id: roomId }, text: "It's urgent", token: '10000' });
        expect(message.sender.id).toBe(world.host.rc.findVisitorByToken('10000').id);
        expect(message.attachments).toEqual([
            expect.objectContaining({ imageUrl: 'https://link.to/image.jpg', title: expect.objectContaining({ value: 'image.jpg', link: 'https://link.to/image.jpg' }) }),
        ]);
    });

    it('keeps raw <, > and & in the text', async () => {
        const answer = await send({ visitor: { token: '10000' }, text: 'a < b && c > d' });
        expect(messageById(answer.content.id).text).toBe('a < b && c > d');
    });

    it('shows audio, video and documents natively, every one of them', async () => {
        const answer = await send({
            visitor: { token: '10000' },
            attachments: [
                { type: 'audio/ogg', url: 'https://media.example.org/voice.ogg' },
                { type: 'video/mp4', url: 'https://media.example.org/clip.mp4' },
                { type: 'application/pdf', url: 'https://media.example.org/form.pdf' },
                { url: 'https://media.example.org/photo.png' },
            ],
        });
        expect(answer.status).toBe(201);
        const { attachments, text } = messageById(answer.content.id);
        expect(text).toBeUndefined();
        expect(attachments).toHaveLength(4);
        expect(attachments[0]).toMatchObject({ audioUrl: 'https://media.example.org/voice.ogg' });
        expect(attachments[1]).toMatchObject({ videoUrl: 'https://media.example.org/clip.mp4' });
        expect(attachments[2]).toMatchObject({ title: { value: 'form.pdf', link: 'https://media.example.org/form.pdf' }, description: 'application/pdf' });
        expect(attachments[3]).toMatchObject({ imageUrl: 'https://media.example.org/photo.png' });
    });

    it('shows a shared location as a map link', async () => {
        const answer = await send({ visitor: { token: '10000' }, attachments: [{ type: 'geo', url: '-2.90875,-79.0117686' }] });
        expect(messageById(answer.content.id).attachments[0].title).toMatchObject({
            value: '📍 -2.90875, -79.0117686',
            link: expect.stringContaining('openstreetmap.org/?mlat=-2.90875&mlon=-79.0117686'),
        });
    });

    it('answers 409 for a room closed while the app was not listening, and then tells RapidPro it is closed', async () => {
        const closedRoom = (await world.host.call('room', { method: 'get', headers: authorized(), content: roomRequest('10010') })).content.id;
        world.host.rc.closeLivechatRoom(closedRoom, 'closed while the app was disabled', undefined, { silently: true });
        expectError(await send(visitorMessage('10010')), 409, 'The room for visitor token: 10010 is closed');
        await world.host.rc.runJobsUntilIdle();
        expect(world.rapidpro.handled.map((callback) => callback.body)).toEqual([{ type: 'close-room', ticketID: expect.any(String), visitor: { token: '10010' } }]);
        const reopened = await world.host.call('room', { method: 'get', headers: authorized(), content: roomRequest('10010') });
        expect(reopened.content.id).not.toBe(closedRoom);
    });

    it('answers 404 for a token that has no room', async () => {
        expectError(await send(visitorMessage('777')), 404, 'Could not find a room for visitor token: 777');
    });

    it.each([
        [{ visitor: { token: '10000' } }, 'text or attachments is required'],
        [{ visitor: { token: '10000' }, text: 7 }, 'text must be a string'],
        [{ text: 'hi' }, 'visitor is required'],
        [{ visitor: { token: '10000' }, attachments: {} }, 'attachments must be an array'],
        [{ visitor: { token: '10000' }, attachments: [{ type: 'image/png' }] }, 'attachments[0].url is required'],
        [{ visitor: { token: '10000' }, text: 'x', attachments: [{ url: 'javascript:alert(1)' }] }, 'attachments[0].url must be an absolute http'],
        [{ visitor: { token: '10000' }, attachments: [{ type: 'geo', url: 'somewhere' }] }, 'attachments[0].url must be "latitude,longitude"'],
    ])('refuses %j with 400 (%s) and posts nothing', async (content, reason) => {
        const before = world.host.rc.messages.length;
        expectError(await send(content), 400, reason);
        expect(world.host.rc.messages.length).toBe(before);
    });
});
