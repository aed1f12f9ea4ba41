import { IDepartment, ILivechatRoom, IVisitor } from '@rocket.chat/apps-engine/definition/livechat';
import { IUser } from '@rocket.chat/apps-engine/definition/users';

import { SettingsReader } from '../../settings/SettingsReader';
import { AppContext } from '../AppContext';
import { HttpError, isHttpError } from '../errors';
import { log } from '../log';
import { senderTokenPart, smsToken } from '../messagegate/phone';
import { NoteLine, tellAgents } from '../notes/RoomNotes';
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
    /** The message source (messages/incoming) the contact writes through: the source's own visitor and rooms. */
    source?: ConversationSource;
}

/** A message source as its conversations need it. */
export interface ConversationSource {
    id: string;
    name: string;
    /** Name or id of the department a new room opens in; empty: the SMS department. */
    department: string;
}

/**
 * The visitor token of a sender's conversations through a message source: one visitor per source and sender.
 * A source id never holds a `.` (nor does the sender's part), so no two sources and senders share one.
 */
export const sourceToken = (sourceId: string, sender: string): string => `src-${sourceId}.${senderTokenPart(sender)}`;

export interface SmsConversation {
    room: ILivechatRoom;
    visitor: IVisitor;
}

/**
 * The open SMS room of a phone number (through a message source: of that source and number), or a new one:
 * the number's visitor (named by the number) in the SMS department (or the source's), routed by Rocket.Chat
 * or served by the agent who starts it. Call under the visitor token's lock.
 */
export async function smsConversation(context: AppContext, phone: string, { agent, route, source }: ConversationStart = {}): Promise<SmsConversation> {
    const token = source ? sourceToken(source.id, phone) : smsToken(phone);
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
    const { department, missing } = await conversationDepartment(context, source);
    const visitor = await saveVisitor(context, { token, username: token, name: phone, phone }, department);
    const room = await createRoom(context, visitor, source ? source.name : 'SMS', agent);
    try {
        await store.add({ roomId: room.id, token, origin: 'sms', phone, openedAt: new Date().toISOString(), ...(route ? { route } : {}), ...(source ? { source: source.id } : {}) });
    } catch (error) {
        await closeUnrecordedRoom(context, room);
        throw error;
    }
    context.logger.info(log.smsConversationOpened(room.id));
    const opened: NoteLine = source ? { key: 'sourceConversationOpened', values: { phone, source: source.name } } : { key: 'smsConversationOpened', values: { phone } };
    await tellAgents(context, room.id, missing ? [opened, { key: 'departmentMissing', values: { department: missing } }] : [opened]);
    return { room, visitor };
}

/** How agents see a route: MessageGate, or the provider's template name. Absent (older tickets) is MessageGate. */
export const routeName = (route: SmsRoute | undefined): string => (route && route.via === 'provider' ? route.provider : 'MessageGate');

/**
 * The department a new conversation opens in: a source's (or its tag's), else the SMS department. A source's
 * department Omnichannel does not have (a typo in the settings) falls back to the SMS department and is named
 * to the agents: the sender's gateway may never post the message again, so it must not be refused.
 */
async function conversationDepartment(context: AppContext, source: ConversationSource | undefined): Promise<{ department?: IDepartment; missing?: string }> {
    if (source && source.department) {
        const named = await context.read.getLivechatReader().getLivechatDepartmentByIdOrName(source.department);
        if (named) {
            return { department: named };
        }
        context.logger.warn(log.sourceDepartmentMissing(source.id, source.department));
        return { department: await smsDepartment(context), missing: source.department };
    }
    return { department: await smsDepartment(context) };
}

async function smsDepartment(context: AppContext): Promise<IDepartment | undefined> {
    return findDepartment(context, await new SettingsReader(context.read).smsDepartment(), 'The SMS department');
}

/**
 * smsConversation for a caller that has accepted nothing yet: Rocket.Chat refusing the room (no agent online,
 * a department that does not exist) is a 503 saying what could not happen, so the sender may try again later.
 */
export async function smsConversationOrRetryLater(context: AppContext, phone: string, what: string, start: ConversationStart = {}): Promise<SmsConversation> {
    try {
        return await smsConversation(context, phone, start);
    } catch (error) {
        if (isHttpError(error)) {
            throw new HttpError(503, `${what} could not be put in a room: ${error.message}`);
        }
        throw error;
    }
}
