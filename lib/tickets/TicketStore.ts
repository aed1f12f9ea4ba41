import { RocketChatAssociationModel, RocketChatAssociationRecord } from '@rocket.chat/apps-engine/definition/metadata';

import { AppContext } from '../AppContext';
import { RecordStore, tag } from '../persistence/RecordStore';
import { Ticket } from './Ticket';

const ticketOfRoom = (roomId: string) => [new RocketChatAssociationRecord(RocketChatAssociationModel.ROOM, roomId), tag('ticket')];

// The latest ticket of a visitor token: a one-field pointer, so a token lookup costs the same whatever the
// contact's history or the number of tickets in the workspace.
const latestTicketOfToken = (token: string) => [tag(`ticket-of-token:${token}`)];

interface TokenPointer {
    roomId: string;
}

/** Tickets in app persistence, findable by room id and by visitor token in two reads at most. */
export class TicketStore {
    public static of(context: Pick<AppContext, 'read' | 'persistence'>): TicketStore {
        return new TicketStore(new RecordStore(context.read.getPersistenceReader(), context.persistence));
    }

    constructor(private readonly records: RecordStore) {}

    public async byRoom(roomId: string): Promise<Ticket | undefined> {
        return this.records.findOne<Ticket>(ticketOfRoom(roomId));
    }

    /** The most recent ticket opened for the token, open or closed. */
    public async latestForToken(token: string): Promise<Ticket | undefined> {
        const pointer = await this.records.findOne<TokenPointer>(latestTicketOfToken(token));
        return pointer ? this.byRoom(pointer.roomId) : undefined;
    }

    /** Records a newly opened ticket and makes it the token's latest. */
    public async add(ticket: Ticket): Promise<void> {
        await this.save(ticket);
        const pointer: TokenPointer = { roomId: ticket.roomId };
        await this.records.write(latestTicketOfToken(ticket.token), pointer);
    }

    public async save(ticket: Ticket): Promise<void> {
        await this.records.write(ticketOfRoom(ticket.roomId), ticket);
    }
}
