import * as http from 'http';
import { AddressInfo } from 'net';

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
    private readonly replies: Array<CannedReply> = [];
    private server?: http.Server;
    private port = 0;

    public get callbackUrl(): string {
        return `http://127.0.0.1:${this.port}/mr/tickets/types/rocketchat/event_callback/8ecb1e4a-b457-4645-a161-e2b02ddffa88`;
    }

    public async start(): Promise<void> {
        this.server = http.createServer((request, response) => this.handle(request, response));
        await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
        this.port = (this.server.address() as AddressInfo).port;
    }

    public async stop(): Promise<void> {
        const server = this.server;
        this.server = undefined;
        if (server) {
            // Drop keep-alive connections too, so the port really refuses until start() again.
            (server as any).closeAllConnections();
            await new Promise<void>((resolve) => server.close(() => resolve()));
        }
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
            const reply = this.replies.shift() || { status: 200, body: { status: 'handled' } };
            if (reply.hang) {
                return;
            }
            callback.answeredWith = reply.status;
            response.writeHead(reply.status, { 'Content-Type': 'application/json' });
            response.end(JSON.stringify(reply.body));
        });
    }
}
