import { randomUUID } from 'crypto';
import * as http from 'http';

import { RapidProStandIn } from '../test/harness/rapidpro-standin';
import { RapidProTicket } from './state-file';

export interface Answer {
    status: number;
    body: any;
}

export interface NewTicket {
    name: string;
    phone?: string;
    /** The contact's id in RapidPro (the visitor token); a new contact when absent. */
    token?: string;
    text?: string;
}

/**
 * RapidPro as the sandbox plays it: the stand-in receives the app's callbacks; the ticketer side calls the app's
 * endpoints over HTTP as mailroom does (`Authorization: Token <secret>`, JSON bodies, `room` as GET with a body).
 */
export class RapidProSide {
    public readonly tickets: Array<RapidProTicket>;

    constructor(public readonly standIn: RapidProStandIn, private readonly appBaseUrl: string, private readonly secret: () => string, tickets: Array<RapidProTicket>) {
        this.tickets = tickets;
    }

    /** What the admin's "Add Rocket.Chat" in RapidPro does: check the secret, then tell the app the callback URL. */
    public async connect(): Promise<void> {
        const checked = await this.call('GET', 'secret.check');
        const connected = await this.call('PUT', 'settings', { webhook: { url: this.standIn.callbackUrl } });
        if (checked.status !== 204 || connected.status !== 204) {
            throw new Error(`RapidPro could not connect to the app: secret.check ${checked.status}, settings ${connected.status} ${JSON.stringify(connected.body)}`);
        }
    }

    /** A flow hands the contact to a human: `room`, then the contact's first message if there is one. */
    public async openTicket(request: NewTicket): Promise<Answer> {
        const token = request.token || String(100000 + this.tickets.length + 1);
        const ticket: RapidProTicket = { ticketID: randomUUID(), token, name: request.name, phone: request.phone, status: 'open', openedAt: new Date().toISOString() };
        const visitor = { token, contactUUID: randomUUID(), name: request.name, ...(request.phone ? { phone: request.phone } : {}) };
        const opened = await this.call('GET', 'room', { visitor, ticketID: ticket.ticketID });
        if (opened.status >= 300) {
            return opened;
        }
        ticket.roomId = opened.body.id;
        this.tickets.push(ticket);
        return request.text ? this.contactMessage(ticket.ticketID, request.text) : opened;
    }

    /** The contact writes again while the ticket is open: `visitor-message`. */
    public async contactMessage(ticketID: string, text: string, attachmentUrl?: string): Promise<Answer> {
        const ticket = this.ticket(ticketID);
        const attachments = attachmentUrl ? [{ type: typeOfUrl(attachmentUrl), url: attachmentUrl }] : [];
        return this.call('POST', 'visitor-message', { visitor: { token: ticket.token }, text, attachments });
    }

    /** The ticket is closed in RapidPro: `room.close`. */
    public async closeTicket(ticketID: string): Promise<Answer> {
        const ticket = this.ticket(ticketID);
        const closed = await this.call('GET', 'room.close', { visitor: { token: ticket.token } });
        if (closed.status < 300) {
            ticket.status = 'closed';
        }
        return closed;
    }

    /** The tickets, closed where a `close-room` callback from the app closed them in RapidPro. */
    public currentTickets(): Array<RapidProTicket> {
        for (const callback of this.standIn.handled) {
            const ticket = callback.body && callback.body.type === 'close-room' && this.tickets.find((candidate) => candidate.ticketID === callback.body.ticketID);
            if (ticket) {
                ticket.status = 'closed';
            }
        }
        return this.tickets;
    }

    private ticket(ticketID: string): RapidProTicket {
        const ticket = this.tickets.find((candidate) => candidate.ticketID === ticketID);
        if (!ticket) {
            throw new Error(`RapidPro has no ticket ${ticketID}`);
        }
        return ticket;
    }

    private call(method: string, endpoint: string, body?: unknown): Promise<Answer> {
        const payload = body === undefined ? '' : JSON.stringify(body);
        return new Promise((resolve, reject) => {
            const request = http.request(
                `${this.appBaseUrl}/${endpoint}`,
                {
                    method,
                    agent: false,
                    headers: { 'Authorization': `Token ${this.secret()}`, 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(payload)) },
                },
                (response) => {
                    const chunks: Array<Buffer> = [];
                    response.on('data', (chunk: Buffer) => chunks.push(chunk));
                    response.on('end', () => {
                        resolve({ status: response.statusCode || 0, body: parseJson(Buffer.concat(chunks).toString('utf8')) });
                    });
                },
            );
            request.on('error', reject);
            request.end(payload);
        });
    }
}

const typesByExtension: Record<string, string> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif', mp3: 'audio/mpeg', mp4: 'video/mp4', pdf: 'application/pdf' };

function typeOfUrl(url: string): string {
    const extension = (new URL(url).pathname.split('.').pop() || '').toLowerCase();
    return typesByExtension[extension] || 'application/octet-stream';
}

function parseJson(text: string): unknown {
    try {
        return text ? JSON.parse(text) : undefined;
    } catch {
        return text;
    }
}
