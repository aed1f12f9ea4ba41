import { ILivechatRoom } from '@rocket.chat/apps-engine/definition/livechat';

import { AppContext } from '../AppContext';
import { openRoomOf } from './openRoomOf';
import { recordRocketChatClose } from './recordRocketChatClose';
import { isOpen, Ticket } from './Ticket';
import { TicketStore } from './TicketStore';

export type TokenTicket = { state: 'none' } | { state: 'closed'; ticket: Ticket } | { state: 'open'; ticket: Ticket; room: ILivechatRoom };

/**
 * Where a visitor token stands: no ticket ever, its latest ticket closed, or open in an open room. A ticket
 * whose room was closed without the app hearing of it (the app was disabled, or the room-closed handler
 * failed) is closed now, RapidPro included, so the contact is never stuck. Call under the token's lock.
 */
export async function ticketOfToken(context: AppContext, store: TicketStore, token: string): Promise<TokenTicket> {
    const ticket = await store.latestForToken(token);
    if (!ticket) {
        return { state: 'none' };
    }
    if (!isOpen(ticket)) {
        return { state: 'closed', ticket };
    }
    const room = await openRoomOf(context.read, ticket.roomId);
    if (room) {
        return { state: 'open', ticket, room };
    }
    await recordRocketChatClose(context, ticket, Date.now());
    return { state: 'closed', ticket };
}
