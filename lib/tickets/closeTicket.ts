import { AppContext } from '../AppContext';
import { notFound } from '../errors';
import { log } from '../log';
import { closeRoomAsApp } from './closeRoomAsApp';
import { openRoomOf } from './openRoomOf';
import { closed, isOpen } from './Ticket';
import { TicketStore } from './TicketStore';
import { withTokenLock } from './tokenLock';

/**
 * RapidPro's `room.close`: closes the token's room. Closing an already closed ticket succeeds (RapidPro
 * retries); the ticket is marked closed *before* the room closes, so the room-closed event that follows
 * finds it closed and sends no close-room callback back to RapidPro.
 */
export async function closeTicketForRapidPro(context: AppContext, token: string): Promise<void> {
    const store = TicketStore.of(context);
    const closing = await withTokenLock(context, token, async () => {
        const ticket = await store.latestForToken(token);
        if (!ticket) {
            throw notFound(`Could not find a room for visitor token: ${token}`);
        }
        if (!isOpen(ticket)) {
            return undefined;
        }
        const room = await openRoomOf(context.read, ticket.roomId);
        await store.save(closed(ticket));
        return room ? { ticket, room } : undefined;
    });
    if (!closing) {
        return;
    }
    // Outside the token lock: Rocket.Chat may run the room-closed handler before closeRoom returns.
    try {
        await closeRoomAsApp(context, closing.room, 'closedByRapidPro');
    } catch (error) {
        // Reopened only if the room really is still open: it may have closed despite the error.
        if (await openRoomOf(context.read, closing.room.id)) {
            await store.save(closing.ticket);
        }
        throw error;
    }
    context.logger.info(log.ticketClosedByRapidPro(closing.room.id));
}
