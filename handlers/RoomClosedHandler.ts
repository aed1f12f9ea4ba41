import { ILivechatRoom } from '@rocket.chat/apps-engine/definition/livechat';

import { AppContext } from '../lib/AppContext';
import { recordRocketChatClose } from '../lib/tickets/recordRocketChatClose';
import { isOpen } from '../lib/tickets/Ticket';
import { TicketStore } from '../lib/tickets/TicketStore';
import { withTokenLock } from '../lib/tickets/tokenLock';
import { timeOf } from '../lib/time';

/**
 * IPostLivechatRoomClosed: a ticket room closed in Rocket.Chat is closed in RapidPro. A close RapidPro asked
 * for was marked on the ticket by room.close before the room closed, so it is not echoed back.
 */
export class RoomClosedHandler {
    constructor(private readonly context: AppContext) {}

    public async run(room: ILivechatRoom): Promise<void> {
        const store = TicketStore.of(this.context);
        const ticket = await store.byRoom(room.id);
        if (!ticket) {
            return;
        }
        await withTokenLock(this.context, ticket.token, async () => {
            const current = await store.byRoom(room.id);
            if (current && isOpen(current)) {
                await recordRocketChatClose(this.context, current, timeOf(room.closedAt));
            }
        });
    }
}
