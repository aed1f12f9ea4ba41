/** Where a ticket came from: a RapidPro handover (an SMS conversation, later). */
export type TicketOrigin = 'rapidpro';

/** One livechat room opened for one visitor token; a new `room` after a close opens a new ticket. */
export interface Ticket {
    roomId: string;
    token: string;
    origin: TicketOrigin;
    ticketID: string;
    openedAt: string;
    closedAt?: string;
}

export const isOpen = (ticket: Ticket): boolean => ticket.closedAt === undefined;

export const closed = (ticket: Ticket, at: number = Date.now()): Ticket => ({ ...ticket, closedAt: new Date(at).toISOString() });
