import * as http from 'http';

import { LocalServer } from './local-server';

export interface RecordedCallback {
    method: string;
    path: string;
    headers: http.IncomingHttpHeaders;
    body: any;
    rawBody: string;
    /** The status it was answered with; undefined while (or if never) answered. */
    answeredWith?: number;
}

export interface CannedReply {
    status: number;
    body: unknown;
    /** Never answer: the request hangs until the caller gives up (its timeout) and nothing is handled. */
    hang?: boolean;
}

/**
 * A local stand-in for RapidPro's ticketer callback (mailroom's `event_callback`), on 127.0.0.1.
 * It answers like mailroom: 200 {"status":"handled"} unless a test queues other replies, and it can be
 * taken down (connection refused) and brought back on the same port.
 */
export class RapidProStandIn {
    public readonly callbacks: Array<RecordedCallback> = [];
    /** The API token RapidPro's REST API accepts. */
    public apiToken = 'f1d2c3b4a5968778695a4b3c2d1e0f9a8b7c6d5e';
    /** Messages its API serves for `GET /api/v2/messages.json`, as RapidPro writes them, newest first. */
    public readonly contactMessages: Array<any> = [];
    /** Page size of the messages API, to make it page. */
    public pageSize = 250;
    /** The API requests received. */
    public readonly apiRequests: Array<{ path: string; query: Record<string, string>; authorization?: string }> = [];
    /** Status the messages API answers with, for tests of failures. */
    public apiStatus = 200;
    /** An outage of the callback endpoint: every callback answered 500, or never answered (the caller's timeout fires). */
    public fault: 'none' | 'error500' | 'hang' = 'none';
    private readonly replies: Array<CannedReply> = [];
    private readonly server: LocalServer;

    /** On the given port, or a random one (0). */
    constructor(port = 0) {
        this.server = new LocalServer((request, response) => this.handle(request, response), port);
    }

    public get origin(): string {
        return this.server.origin;
    }

    public get callbackUrl(): string {
        return `${this.server.origin}/mr/tickets/types/rocketchat/event_callback/8ecb1e4a-b457-4645-a161-e2b02ddffa88`;
    }

    public start(): Promise<void> {
        return this.server.start();
    }

    /** Refuses connections (and drops open ones) until start() again, on the same port. */
    public stop(): Promise<void> {
        return this.server.stop();
    }

    /** The callbacks RapidPro accepted (answered 2xx): what it acted on. */
    public get handled(): Array<RecordedCallback> {
        return this.callbacks.filter((callback) => callback.answeredWith !== undefined && callback.answeredWith < 300);
    }

    /** Answers the next callbacks with these replies, in order, then goes back to 200 handled. */
    public queueReplies(...replies: Array<CannedReply>): void {
        this.replies.push(...replies);
    }

    private handle(request: http.IncomingMessage, response: http.ServerResponse): void {
        if ((request.url || '').startsWith('/api/v2/')) {
            this.serveApi(request, response);
            return;
        }
        const chunks: Array<Buffer> = [];
        request.on('data', (chunk: Buffer) => chunks.push(chunk));
        request.on('end', () => {
            const rawBody = Buffer.concat(chunks).toString('utf8');
            let body: any;
            try {
                body = JSON.parse(rawBody);
            } catch {
                body = undefined;
            }
            const callback: RecordedCallback = { method: request.method || '', path: request.url || '', headers: request.headers, body, rawBody };
            this.callbacks.push(callback);
            const outage: CannedReply | undefined = this.fault === 'none' ? undefined : { status: 500, body: { error: 'Internal Server Error' }, hang: this.fault === 'hang' };
            const reply = outage || this.replies.shift() || { status: 200, body: { status: 'handled' } };
            if (reply.hang) {
                return;
            }
            callback.answeredWith = reply.status;
            response.writeHead(reply.status, { 'Content-Type': 'application/json' });
            response.end(JSON.stringify(reply.body));
        });
    }

    /** RapidPro's `GET /api/v2/messages.json?contact=&after=`: token auth, cursor pages with absolute `next` links. */
    private serveApi(request: http.IncomingMessage, response: http.ServerResponse): void {
        const url = new URL(request.url || '', this.origin);
        const query = Object.fromEntries(url.searchParams.entries());
        this.apiRequests.push({ path: url.pathname, query, authorization: request.headers.authorization });
        const answer = (status: number, body: unknown) => {
            response.writeHead(status, { 'Content-Type': 'application/json' });
            response.end(JSON.stringify(body));
        };
        if (request.headers.authorization !== `Token ${this.apiToken}`) {
            return answer(403, { detail: 'Invalid token' });
        }
        if (this.apiStatus !== 200 || url.pathname !== '/api/v2/messages.json') {
            return answer(this.apiStatus === 200 ? 404 : this.apiStatus, { detail: 'unavailable' });
        }
        const matching = this.contactMessages.filter((message) => message.contact.uuid === query.contact && message.created_on > query.after);
        const offset = Number(query.cursor || 0);
        const next = offset + this.pageSize < matching.length ? `${this.origin}/api/v2/messages.json?${new URLSearchParams({ ...query, cursor: String(offset + this.pageSize) })}` : null;
        answer(200, { next, previous: null, results: matching.slice(offset, offset + this.pageSize) });
    }
}
