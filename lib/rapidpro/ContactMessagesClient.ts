import { IHttp, IHttpResponse } from '@rocket.chat/apps-engine/definition/accessors';

import { describeError } from '../errors';
import { isObject } from '../validation';

/** A message of RapidPro's API (`GET /api/v2/messages.json`), the fields the history shows. */
export interface ContactMessage {
    direction: 'in' | 'out';
    text: string;
    attachments: Array<{ contentType: string; url: string }>;
    createdOn: string;
    status: string;
}

export type ContactMessagesOutcome = { kind: 'loaded'; messages: Array<ContactMessage> } | { kind: 'retry' | 'failed'; reason: string };

export interface ContactMessagesQuery {
    /** Scheme and host of the RapidPro server, e.g. https://rapidpro.example.org */
    origin: string;
    token: string;
    contactUUID: string;
    /** ISO 8601. */
    after: string;
    timeoutMs: number;
}

// RapidPro pages by 250: this is up to 1 250 messages of one contact's session, more than agents will read.
const MAX_PAGES = 5;

/** The client of RapidPro's messages API: a contact's messages after a time, following its pages on the same server. */
export class ContactMessagesClient {
    constructor(private readonly http: IHttp) {}

    public async messagesOf(query: ContactMessagesQuery): Promise<ContactMessagesOutcome> {
        const messages: Array<ContactMessage> = [];
        let url: string | undefined = `${query.origin}/api/v2/messages.json?contact=${encodeURIComponent(query.contactUUID)}&after=${encodeURIComponent(query.after)}`;
        for (let page = 0; url && page < MAX_PAGES; page++) {
            let response: IHttpResponse | undefined;
            try {
                response = await this.http.get(url, { headers: { Authorization: `Token ${query.token}` }, timeout: query.timeoutMs });
            } catch (error) {
                return { kind: 'retry', reason: `RapidPro could not be reached: ${describeError(error)}` };
            }
            if (!response || response.statusCode >= 500 || response.statusCode === 429) {
                return { kind: 'retry', reason: `RapidPro answered HTTP ${response ? response.statusCode : 'nothing'}` };
            }
            if (response.statusCode !== 200 || !isObject(response.data) || !Array.isArray(response.data.results)) {
                return { kind: 'failed', reason: `RapidPro answered HTTP ${response.statusCode} without messages` };
            }
            messages.push(...response.data.results.map(toContactMessage).filter((message): message is ContactMessage => message !== undefined));
            const next: unknown = response.data.next;
            // The token goes only to the server it belongs to.
            url = typeof next === 'string' && next.startsWith(`${query.origin}/`) ? next : undefined;
        }
        return { kind: 'loaded', messages };
    }
}

function toContactMessage(raw: unknown): ContactMessage | undefined {
    if (!isObject(raw) || (raw.direction !== 'in' && raw.direction !== 'out') || typeof raw.created_on !== 'string') {
        return undefined;
    }
    const attachments = (Array.isArray(raw.attachments) ? raw.attachments : [])
        .filter(isObject)
        .filter((attachment) => typeof attachment.url === 'string')
        .map((attachment) => ({ contentType: String(attachment.content_type || ''), url: attachment.url as string }));
    return {
        direction: raw.direction,
        text: typeof raw.text === 'string' ? raw.text : '',
        attachments,
        createdOn: raw.created_on,
        status: typeof raw.status === 'string' ? raw.status : '',
    };
}
