import { AppContext } from '../AppContext';
import { log } from '../log';
import { Outbox } from '../outbox/Outbox';
import { closeRoomCallback } from '../rapidpro/callbacks';
import { closed, Ticket } from './Ticket';
import { TicketStore } from './TicketStore';

/**
 * A ticket whose room Rocket.Chat closed (an agent, a manager, an automatic close) is closed in RapidPro with
 * close-room. Queued first, under an id of its own, then the ticket is marked: a failure in between leaves
 * the ticket open for the next attempt, never a close that RapidPro is not told about. An SMS conversation
 * has nobody to tell: its next SMS opens a new room.
 */
export async function recordRocketChatClose(context: AppContext, ticket: Ticket, closedAt: number): Promise<void> {
    if (ticket.origin === 'sms') {
        await TicketStore.of(context).save(closed(ticket, closedAt));
        return;
    }
    await new Outbox(context).enqueue({
        id: `close-room:${ticket.roomId}`,
        roomId: ticket.roomId,
        happenedAt: closedAt,
        closesRoom: true,
        failureNote: { key: 'closeNotDelivered', values: {} },
        delivery: { transport: 'rapidpro-callback', body: closeRoomCallback(ticket) },
    });
    context.logger.info(log.ticketClosedInRocketChat(ticket.roomId));
    await TicketStore.of(context).save(closed(ticket, closedAt));
}
