import { ILivechatRoom, IVisitor } from '@rocket.chat/apps-engine/definition/livechat';
import { IUser } from '@rocket.chat/apps-engine/definition/users';

import { SettingsReader } from '../../settings/SettingsReader';
import { AppContext } from '../AppContext';
import { log } from '../log';
import { smsToken } from '../messagegate/phone';
import { tellAgents } from '../notes/RoomNotes';
import { closeUnrecordedRoom, createRoom, findDepartment, saveVisitor } from '../tickets/livechat';
import { ticketOfToken } from '../tickets/ticketOfToken';
import { TicketStore } from '../tickets/TicketStore';

export interface SmsConversation {
    room: ILivechatRoom;
    visitor: IVisitor;
}

/**
 * The open SMS room of a phone number, or a new one: the number's visitor (named by the number) in the SMS
 * department, routed by Rocket.Chat or served by the agent who starts it. Call under the number's token lock.
 */
export async function smsConversation(context: AppContext, phone: string, agent?: IUser): Promise<SmsConversation> {
    const token = smsToken(phone);
    const store = TicketStore.of(context);
    const current = await ticketOfToken(context, store, token);
    if (current.state === 'open') {
        const visitor = await context.read.getLivechatReader().getLivechatVisitorByToken(token);
        if (visitor) {
            return { room: current.room, visitor };
        }
    }
    const department = await findDepartment(context, await new SettingsReader(context.read).smsDepartment(), 'The SMS department');
    const visitor = await saveVisitor(context, { token, username: token, name: phone, phone }, department);
    const room = await createRoom(context, visitor, 'SMS', agent);
    try {
        await store.add({ roomId: room.id, token, origin: 'sms', phone, openedAt: new Date().toISOString() });
    } catch (error) {
        await closeUnrecordedRoom(context, room);
        throw error;
    }
    context.logger.info(log.smsConversationOpened(room.id));
    await tellAgents(context, room.id, [{ key: 'smsConversationOpened', values: { phone } }]);
    return { room, visitor };
}
