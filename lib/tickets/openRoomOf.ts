import { IRead } from '@rocket.chat/apps-engine/definition/accessors';
import { ILivechatRoom } from '@rocket.chat/apps-engine/definition/livechat';

/** The ticket's livechat room if Rocket.Chat still has it open. */
export async function openRoomOf(read: IRead, roomId: string): Promise<ILivechatRoom | undefined> {
    const room = (await read.getRoomReader().getById(roomId)) as ILivechatRoom | undefined;
    return room && room.isOpen ? room : undefined;
}
