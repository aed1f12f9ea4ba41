import { IPersistence, IPersistenceRead } from '@rocket.chat/apps-engine/definition/accessors';
import { RocketChatAssociationModel, RocketChatAssociationRecord } from '@rocket.chat/apps-engine/definition/metadata';

import { Ticket } from './Ticket';

const ticketOfRoom = (roomId: string) => [
    new RocketChatAssociationRecord(RocketChatAssociationModel.ROOM, roomId),
    new RocketChatAssociationRecord(RocketChatAssociationModel.MISC, 'ticket'),
];

// The latest ticket of a visitor token: a one-field pointer, so a token lookup costs the same whatever the
// contact's history or the number of tickets in the workspace.
const latestTicketOfToken = (token: string) => [new RocketChatAssociationRecord(RocketChatAssociationModel.MISC, `ticket-of-token:${token}`)];

interface TokenPointer {
    roomId: string;
}

/** Tickets in app persistence, findable by room id and by visitor token in two reads at most. */
export class TicketStore {
    constructor(private readonly reader: IPersistenceRead, private readonly persistence: IPersistence) {}

    public async byRoom(roomId: string): Promise<Ticket | undefined> {
        const [ticket] = (await this.reader.readByAssociations(ticketOfRoom(roomId))) as Array<Ticket>;
        return ticket;
    }

    /** The most recent ticket opened for the token, open or closed. */
    public async latestForToken(token: string): Promise<Ticket | undefined> {
        const [pointer] = (await this.reader.readByAssociations(latestTicketOfToken(token))) as Array<TokenPointer>;
        return pointer ? this.byRoom(pointer.roomId) : undefined;
    }

    /** Records a newly opened ticket and makes it the token's latest. */
    public async add(ticket: Ticket): Promise<void> {
        await this.save(ticket);
        await this.persistence.updateByAssociations(latestTicketOfToken(ticket.token), { roomId: ticket.roomId } as TokenPointer, true);
    }

    public async save(ticket: Ticket): Promise<void> {
        await this.persistence.updateByAssociations(ticketOfRoom(ticket.roomId), ticket, true);
    }
}
