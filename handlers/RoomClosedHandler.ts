import { ILivechatRoom } from '@rocket.chat/apps-engine/definition/livechat';

import { AppContext } from '../lib/AppContext';
import { log } from '../lib/log';
import { Outbox } from '../lib/outbox/Outbox';
import { closeRoomCallback } from '../lib/rapidpro/callbacks';
import { isOpen } from '../lib/tickets/Ticket';
import { TicketStore } from '../lib/tickets/TicketStore';
import { timeOf } from '../lib/time';

/**
 * IPostLivechatRoomClosed: a ticket room closed in Rocket.Chat (by an agent, a manager or automatically) is
 * closed in RapidPro with a `close-room` callback. A close RapidPro asked for was already marked on the
 * ticket by room.close, so it is not echoed back.
 */
export class RoomClosedHandler {
    constructor(private readonly context: AppContext) {}

    public async run(room: ILivechatRoom): Promise<void> {
        const store = new TicketStore(this.context.read.getPersistenceReader(), this.context.persistence);
        const ticket = await store.byRoom(room.id);
        if (!ticket || !isOpen(ticket)) {
            return;
        }
        await store.save({ ...ticket, closedAt: new Date().toISOString(), closedBy: 'rocketchat' });
        if (ticket.origin !== 'rapidpro') {
            return;
        }
        this.context.logger.info(log.ticketClosedInRocketChat(room.id));
        await new Outbox(this.context).enqueue({
            id: `close-room:${room.id}`,
            roomId: room.id,
            happenedAt: timeOf(room.closedAt),
            closesRoom: true,
            failureNote: { key: 'closeNotDelivered', values: {} },
            delivery: { transport: 'rapidpro-callback', body: closeRoomCallback(ticket) },
        });
    }
}
