interface TicketBase {
    roomId: string;
    token: string;
    openedAt: string;
    closedAt?: string;
    /** The contact's phone number (E.164 where the sender gave it so), where known. */
    phone?: string;
}

/** A RapidPro handover: replies and the close go back to RapidPro under its ticket id. */
export interface RapidProTicket extends TicketBase {
    origin: 'rapidpro';
    ticketID: string;
}

/** How an SMS room's replies go out: the MessageGate phone, or an HTTP SMS provider described by a template. */
export type SmsRoute = { via: 'messagegate' } | { via: 'provider'; provider: string };

/** An SMS conversation through MessageGate: one visitor per phone number, replies go out as SMS. */
export interface SmsTicket extends TicketBase {
    origin: 'sms';
    phone: string;
    /** Absent on tickets opened before routes existed: MessageGate. */
    route?: SmsRoute;
}

/** One livechat room opened for one visitor token; a new conversation after a close opens a new ticket. */
export type Ticket = RapidProTicket | SmsTicket;

export const isOpen = (ticket: Ticket): boolean => ticket.closedAt === undefined || ticket.closedAt === null;

export const closed = <T extends Ticket>(ticket: T, at: number = Date.now()): T => ({ ...ticket, closedAt: new Date(at).toISOString() });
