import * as fs from 'fs';
import * as http from 'http';
import * as path from 'path';

import { ApiError, consoleRoutes } from './console-api';
import type { Sandbox } from './sandbox';

const publicDir = path.join(__dirname, 'public');
const staticFiles: Record<string, { file: string; type: string }> = {
    '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
    '/console.js': { file: 'console.js', type: 'text/javascript; charset=utf-8' },
    '/console.css': { file: 'console.css', type: 'text/css; charset=utf-8' },
};
const API_PREFIX = '/sandbox/api/';
const MAX_BODY_BYTES = 30 * 1024 * 1024;

/**
 * Everything on the sandbox's port that is not the app: the agent console (a page, a script, a style sheet),
 * its JSON API, and `/file-upload/<id>/<name>` as Rocket.Chat serves uploaded files.
 */
export class ConsoleServer {
    constructor(private readonly sandbox: Sandbox) {}

    public async handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
        const url = new URL(request.url || '/', 'http://sandbox');
        try {
            if (url.pathname.startsWith(API_PREFIX)) {
                return await this.api(request, url.pathname.slice(API_PREFIX.length), response);
            }
            if (url.pathname.startsWith('/file-upload/')) {
                return this.upload(url.pathname, response);
            }
            const page = staticFiles[url.pathname];
            if (page && request.method === 'GET') {
                response.writeHead(200, { 'Content-Type': page.type, 'Cache-Control': 'no-store' });
                response.end(fs.readFileSync(path.join(publicDir, page.file)));
                return;
            }
            send(response, 404, { error: `Nothing at ${url.pathname}` });
        } catch (error) {
            const status = error instanceof ApiError ? error.status : 500;
            send(response, status, { error: error instanceof Error ? error.message : String(error) });
        }
    }

    private async api(request: http.IncomingMessage, route: string, response: http.ServerResponse): Promise<void> {
        const match = consoleRoutes
            .map((candidate) => ({ candidate, params: candidate.pattern.exec(route) }))
            .find(({ candidate, params }) => params && candidate.method === request.method);
        if (!match || !match.params) {
            throw new ApiError(404, `No console API ${request.method} ${route}`);
        }
        const body = request.method === 'GET' ? {} : await readJson(request);
        const result = await match.candidate.handle(this.sandbox, { params: match.params.slice(1), body });
        // Answer once the app has handled what the action set off (IPostMessageSent is not awaited by the engine).
        await this.sandbox.rc.settle();
        send(response, 200, result === undefined ? { ok: true } : result);
    }

    private upload(pathname: string, response: http.ServerResponse): void {
        const [, , id] = pathname.split('/');
        const stored = this.sandbox.rc.uploads.get(id);
        if (!stored) {
            throw new ApiError(404, `No file ${id}`);
        }
        response.writeHead(200, { 'Content-Type': stored.upload.type, 'Content-Length': String(stored.buffer.length) });
        response.end(stored.buffer);
    }
}

function send(response: http.ServerResponse, status: number, body: unknown): void {
    response.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    response.end(JSON.stringify(body));
}

async function readJson(request: http.IncomingMessage): Promise<any> {
    const chunks: Array<Buffer> = [];
    let size = 0;
    for await (const chunk of request) {
        size += (chunk as Buffer).length;
        if (size > MAX_BODY_BYTES) {
            throw new ApiError(413, 'The request is larger than 30 MB');
        }
        chunks.push(chunk as Buffer);
    }
    const text = Buffer.concat(chunks).toString('utf8');
    try {
        return text ? JSON.parse(text) : {};
    } catch {
        throw new ApiError(400, 'The request body is not JSON');
    }
}
