import { ILivechatRoom, IVisitor } from '@rocket.chat/apps-engine/definition/livechat';
import { IUser } from '@rocket.chat/apps-engine/definition/users';

import { SettingsReader } from '../../settings/SettingsReader';
import { AppContext } from '../AppContext';
import { HttpError, isHttpError } from '../errors';
import { log } from '../log';
import { smsToken } from '../messagegate/phone';
import { NoteLine, tellAgents } from '../notes/RoomNotes';
import { closeUnrecordedRoom, createRoom, findDepartment, saveVisitor } from '../tickets/livechat';
import { SmsTicket } from '../tickets/Ticket';
import { ticketOfToken } from '../tickets/ticketOfToken';
import { TicketStore } from '../tickets/TicketStore';

export interface SmsConversation {
    room: ILivechatRoom;
    visitor: IVisitor;
}

/** A message source (`messages/incoming`) the conversation comes through, instead of the MessageGate phone. */
export interface ConversationSource {
    id: string;
    name: string;
    /** Name or id of the department a new room opens in; empty: the SMS department. */
    department: string;
    route: NonNullable<SmsTicket['route']>;
}

/** The visitor token of a sender's conversations through a message source: one visitor per source and sender. */
export const sourceToken = (sourceId: string, sender: string): string => `src-${sourceId}-${smsToken(sender).slice('sms-'.length)}`;

/**
 * The open SMS room of a phone number (through a message source: of that source and number), or a new one:
 * the number's visitor (named by the number) in the SMS department, routed by Rocket.Chat or served by the
 * agent who starts it. Call under the visitor token's lock.
 */
export async function smsConversation(context: AppContext, phone: string, agent?: IUser, source?: ConversationSource): Promise<SmsConversation> {
    const token = source ? sourceToken(source.id, phone) : smsToken(phone);
    const store = TicketStore.of(context);
    const current = await ticketOfToken(context, store, token);
    if (current.state === 'open') {
        const visitor = await context.read.getLivechatReader().getLivechatVisitorByToken(token);
        if (visitor) {
            return { room: current.room, visitor };
        }
    }
    const settings = new SettingsReader(context.read);
    const department = source && source.department
        ? await findDepartment(context, source.department, `The department of message source ${source.id}`)
        : await findDepartment(context, await settings.smsDepartment(), 'The SMS department');
    const visitor = await saveVisitor(context, { token, username: token, name: phone, phone }, department);
    const room = await createRoom(context, visitor, source ? source.name : 'SMS', agent);
    const ticket: SmsTicket = { roomId: room.id, token, origin: 'sms', phone, openedAt: new Date().toISOString() };
    try {
        await store.add(source ? { ...ticket, source: source.id, route: source.route } : ticket);
    } catch (error) {
        await closeUnrecordedRoom(context, room);
        throw error;
    }
    context.logger.info(log.smsConversationOpened(room.id));
    const opened: NoteLine = source ? { key: 'sourceConversationOpened', values: { phone, source: source.name } } : { key: 'smsConversationOpened', values: { phone } };
    await tellAgents(context, room.id, [opened]);
    return { room, visitor };
}

/**
 * smsConversation for a caller that has accepted nothing yet: Rocket.Chat refusing the room (no agent online,
 * a department that does not exist) is a 503 saying what could not happen, so the sender may try again later.
 */
export async function smsConversationOrRetryLater(context: AppContext, phone: string, what: string, source?: ConversationSource): Promise<SmsConversation> {
    try {
        return await smsConversation(context, phone, undefined, source);
    } catch (error) {
        if (isHttpError(error)) {
            throw new HttpError(503, `${what} could not be put in a room: ${error.message}`);
        }
        throw error;
    }
}
