import { randomUUID } from 'crypto';
import * as http from 'http';

import { LocalServer } from './local-server';

export interface ProviderRequest {
    method: string;
    path: string;
    headers: http.IncomingHttpHeaders;
    raw: string;
    /** The body parsed by its Content-Type: JSON, or form fields. */
    body: any;
}

/** `unavailable`: 503 for every send; `reject`: 422 (a number it will not send to). */
export type ProviderFault = 'none' | 'unavailable' | 'reject';

/**
 * A generic HTTP SMS provider on 127.0.0.1: takes messages at any path (JSON or form-encoded) when the
 * credentials match (a Bearer key, or Basic user and password), answers `{"data": {"id": <uuid>}}`, serves
 * files for inbound MMS at `/files/<name>`, and posts webhooks to the app as a real provider would.
 */
export class SmsProviderStandIn {
    public fault: ProviderFault = 'none';
    /** That many sends fail with 503 before the provider takes messages again. */
    public failNextSends = 0;
    public readonly requests: Array<ProviderRequest> = [];
    /** Each message the provider took, with the id it gave it. */
    public readonly accepted: Array<{ id: string; request: ProviderRequest }> = [];
    /** Runs after a message is taken and before the answer leaves: e.g. a delivery report that overtakes it. */
    public beforeAnswering?: (id: string) => Promise<unknown>;
    private readonly files = new Map<string, { type: string; content: Buffer }>();
    private readonly server = new LocalServer((request, response) => void this.handle(request, response));

    constructor(private readonly credentials: { bearer?: string; basic?: { username: string; password: string } }) {}

    public get url(): string {
        return this.server.origin;
    }

    public start(): Promise<void> {
        return this.server.start();
    }

    public stop(): Promise<void> {
        return this.server.stop();
    }

    public addFile(name: string, type: string, content: Buffer): string {
        this.files.set(name, { type, content });
        return `${this.url}/files/${encodeURIComponent(name)}`;
    }

    /** Posts to the app's webhook URL as the provider does; answers the status and the parsed body. */
    public async postWebhook(url: string, body: string | object, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
        const isText = typeof body === 'string';
        const response = await fetch(url, {
            method: 'POST',
            headers: { 'Content-Type': isText ? 'application/x-www-form-urlencoded' : 'application/json', ...headers },
            body: isText ? body : JSON.stringify(body),
        });
        const text = await response.text();
        let parsed: any = text;
        try {
            parsed = JSON.parse(text);
        } catch {
            // not JSON: kept as text for the test to see
        }
        return { status: response.status, body: parsed };
    }

    private async handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
        const chunks: Array<Buffer> = [];
        for await (const chunk of request) {
            chunks.push(chunk as Buffer);
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        const url = new URL(request.url || '/', this.url);
        const file = url.pathname.startsWith('/files/') ? this.files.get(decodeURIComponent(url.pathname.slice('/files/'.length))) : undefined;
        if (request.method === 'GET' && url.pathname.startsWith('/files/')) {
            response.writeHead(file ? 200 : 404, file ? { 'Content-Type': file.type, 'Content-Length': String(file.content.length) } : {});
            response.end(file ? file.content : undefined);
            return;
        }
        const type = String(request.headers['content-type'] || '');
        const body = /json/i.test(type) ? JSON.parse(raw || 'null') : Object.fromEntries(new URLSearchParams(request.method === 'GET' ? url.search : raw));
        const recorded: ProviderRequest = { method: request.method || 'GET', path: url.pathname, headers: request.headers, raw, body };
        this.requests.push(recorded);
        const answer = (status: number, content: object) => {
            response.writeHead(status, { 'Content-Type': 'application/json' });
            response.end(JSON.stringify(content));
        };
        if (!this.authorized(request.headers.authorization)) {
            return answer(401, { error: 'bad credentials' });
        }
        if (this.fault === 'unavailable' || this.failNextSends > 0) {
            this.failNextSends = Math.max(this.failNextSends - 1, 0);
            return answer(503, { error: 'try later' });
        }
        if (this.fault === 'reject') {
            return answer(422, { error: 'the number cannot receive SMS' });
        }
        const id = randomUUID();
        this.accepted.push({ id, request: recorded });
        await this.beforeAnswering?.(id);
        answer(200, { data: { id, status: 'queued' } });
    }

    private authorized(header: string | undefined): boolean {
        const { bearer, basic } = this.credentials;
        if (bearer) {
            return header === `Bearer ${bearer}`;
        }
        return !basic || header === `Basic ${Buffer.from(`${basic.username}:${basic.password}`).toString('base64')}`;
    }
}
