import { ILivechatRoom, IVisitor } from '@rocket.chat/apps-engine/definition/livechat';
import { IUser } from '@rocket.chat/apps-engine/definition/users';

import { SettingsReader } from '../../settings/SettingsReader';
import { AppContext } from '../AppContext';
import { log } from '../log';
import { smsToken } from '../messagegate/phone';
import { tellAgents } from '../notes/RoomNotes';
import { closeUnrecordedRoom, createRoom, findDepartment, saveVisitor } from '../tickets/livechat';
import { ticketOfToken } from '../tickets/ticketOfToken';
import { SmsRoute } from '../tickets/Ticket';
import { TicketStore } from '../tickets/TicketStore';

/** Who opens or continues the conversation, and the way its replies go out. */
export interface ConversationStart {
    /** The agent who starts it with /sms (the room is theirs); absent when the contact wrote. */
    agent?: IUser;
    /** A new room replies this way; an open room too, when the contact wrote through it (replies go back the way the contact last wrote). */
    route?: SmsRoute;
}

export interface SmsConversation {
    room: ILivechatRoom;
    visitor: IVisitor;
}

/**
 * The open SMS room of a phone number, or a new one: the number's visitor (named by the number) in the SMS
 * department, routed by Rocket.Chat or served by the agent who starts it. Call under the number's token lock.
 */
export async function smsConversation(context: AppContext, phone: string, { agent, route }: ConversationStart = {}): Promise<SmsConversation> {
    const token = smsToken(phone);
    const store = TicketStore.of(context);
    const current = await ticketOfToken(context, store, token);
    if (current.state === 'open') {
        // The room comes with its visitor; only a room without one asks Rocket.Chat (one more round trip).
        const visitor = current.room.visitor || (await context.read.getLivechatReader().getLivechatVisitorByToken(token));
        if (visitor) {
            if (route && !agent && current.ticket.origin === 'sms' && routeName(current.ticket.route) !== routeName(route)) {
                await store.save({ ...current.ticket, route });
                await tellAgents(context, current.room.id, [{ key: 'smsRouteChanged', values: { route: routeName(route) } }]);
            }
            return { room: current.room, visitor };
        }
    }
    const department = await findDepartment(context, await new SettingsReader(context.read).smsDepartment(), 'The SMS department');
    const visitor = await saveVisitor(context, { token, username: token, name: phone, phone }, department);
    const room = await createRoom(context, visitor, 'SMS', agent);
    try {
        await store.add({ roomId: room.id, token, origin: 'sms', phone, openedAt: new Date().toISOString(), ...(route ? { route } : {}) });
    } catch (error) {
        await closeUnrecordedRoom(context, room);
        throw error;
    }
    context.logger.info(log.smsConversationOpened(room.id));
    await tellAgents(context, room.id, [{ key: 'smsConversationOpened', values: { phone } }]);
    return { room, visitor };
}

/** How agents see a route: MessageGate, or the provider's template name. Absent (older tickets) is MessageGate. */
export const routeName = (route: SmsRoute | undefined): string => (route && route.via === 'provider' ? route.provider : 'MessageGate');
