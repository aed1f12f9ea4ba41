/** Where a ticket came from: a RapidPro handover or an SMS conversation. */
export type TicketOrigin = 'rapidpro' | 'sms';

/** Who closed a ticket: RapidPro (room.close) needs no close-room callback back; Rocket.Chat's close does. */
export type TicketCloser = 'rapidpro' | 'rocketchat';

/** One livechat room opened for one visitor token; a new `room` after a close opens a new ticket. */
export interface Ticket {
    roomId: string;
    token: string;
    origin: TicketOrigin;
    ticketID?: string;
    contactUUID?: string;
    phone?: string;
    departmentId?: string;
    priority?: string;
    sessionStart?: string;
    openedAt: string;
    closedAt?: string;
    closedBy?: TicketCloser;
}

export const isOpen = (ticket: Ticket): boolean => ticket.closedAt === undefined;

export const closed = (ticket: Ticket, closedBy: TicketCloser): Ticket => ({ ...ticket, closedAt: new Date().toISOString(), closedBy });
