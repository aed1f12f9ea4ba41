import { RapidProTicket } from '../tickets/Ticket';

/** An attachment as RapidPro downloads it: absolute URL, MIME type. */
export interface CallbackAttachment {
    type: string;
    url: string;
}

export interface AgentMessageCallback {
    type: 'agent-message';
    ticketID: string;
    visitor: { token: string };
    data: { text: string; attachments?: Array<CallbackAttachment> };
}

export interface CloseRoomCallback {
    type: 'close-room';
    ticketID: string;
    visitor: { token: string };
}

/** The bodies of CONTRACTS.md §2, exactly. */
export type CallbackBody = AgentMessageCallback | CloseRoomCallback;

export function agentMessageCallback(ticket: RapidProTicket, text: string, attachments: Array<CallbackAttachment>): AgentMessageCallback {
    const data: AgentMessageCallback['data'] = { text };
    if (attachments.length) {
        data.attachments = attachments;
    }
    return { type: 'agent-message', ticketID: ticket.ticketID, visitor: { token: ticket.token }, data };
}

export function closeRoomCallback(ticket: RapidProTicket): CloseRoomCallback {
    return { type: 'close-room', ticketID: ticket.ticketID, visitor: { token: ticket.token } };
}
