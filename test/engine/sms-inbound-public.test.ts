import { selectedEngines } from '../harness/engines';
import { smsRoomOf, SmsWorld, startSmsWorld, stopSmsWorld } from '../harness/sms';

const visitorMessagesIn = (world: SmsWorld, roomId: string) => world.host.rc.messagesIn(roomId).filter((message) => message.token);

describe.each(selectedEngines())('SMS in (public gateway build) on $name $version', (engine) => {
    let world: SmsWorld;
    beforeAll(async () => {
        world = await startSmsWorld(engine, 'public');
    });
    afterAll(() => stopSmsWorld(world));

    it('takes an MMS from mms:downloaded with its parts inline, after acknowledging the bare mms:received notice', async () => {
        const image = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46]);
        const results = await world.gateway.receiveMms('+5511987654321', { subject: 'Foto', text: 'olha', parts: [{ content: image, mimeType: 'image/jpeg', filename: 'image000000' }] });
        expect(results.map((result) => result.bodies[0])).toEqual([{ status: 'ignored' }, { status: 'accepted' }]);
        const room = smsRoomOf(world, '+5511987654321');
        const messages = visitorMessagesIn(world, room.id);
        expect(messages.map((message) => message.text || message.file.name)).toEqual(['Foto\nolha', 'image000000.jpg']);
        expect(world.host.rc.uploads.get(messages[1].file._id)).toMatchObject({ buffer: image, upload: { type: 'image/jpeg' } });
    });

    it('takes an SMS of the public build, whose payload also names sender and recipient', async () => {
        await world.gateway.receiveSms('+5511987654322', 'oi');
        expect(visitorMessagesIn(world, smsRoomOf(world, '+5511987654322').id).map((message) => message.text)).toEqual(['oi']);
    });
});
