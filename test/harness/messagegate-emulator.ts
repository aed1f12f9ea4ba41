import * as crypto from 'crypto';
import * as http from 'http';
import * as https from 'https';
import CryptoJS from 'crypto-js';
import { gsonStringify } from './gson';
import { LocalServer } from './local-server';

/** 'seed': the MessageGate build in the integration guide (MMS sending, /media, attachments in mms:received). 'public': upstream v1.68. */
export type GatewayBuild = 'seed' | 'public';
export type MessageState = 'Pending' | 'Processed' | 'Sent' | 'Delivered' | 'Failed' | 'Cancelling' | 'Cancelled';
export type AdvanceState = 'Processed' | 'Sent' | 'Delivered' | 'Failed' | 'Cancelled';
export type HealthStatus = 'pass' | 'warn' | 'fail';
/** none: answer normally; error500: every API request gets 500; hang: never answer (the caller's timeout fires). */
export type FaultMode = 'none' | 'error500' | 'hang';

export const WEBHOOK_EVENTS = [
    'sms:received',
    'sms:sent',
    'sms:delivered',
    'sms:failed',
    'sms:cancelled',
    'sms:data-received',
    'mms:received',
    'mms:downloaded',
    'system:ping',
] as const;

export const EMULATED_DEVICE_ID = 'emulated-device-1';
const VERSION = '1.68.0';
const MAX_ID_LENGTH = 36;
const MAX_TEXT_LENGTH = 65535;

export interface MessageGateOptions {
    username?: string;
    password?: string;
    signingKey?: string;
    build?: GatewayBuild;
    /** The port to listen on; 0 (the default): a random one. */
    port?: number;
}

export interface MmsAttachmentInput {
    mimeType: string;
    filename: string;
    data: string;
}

export interface MmsMessageInput {
    text?: string;
    attachments: Array<MmsAttachmentInput>;
}

/** A message the gateway accepted with 202, as the app asked for it. */
export interface SentMessage {
    id: string;
    phoneNumbers: Array<string>;
    textMessage?: { text: string };
    mmsMessage?: MmsMessageInput;
    withDeliveryReport: boolean;
    simNumber?: number;
    acceptedAt: string;
}

export interface RecordedRequest {
    method: string;
    /** Path with its query string, as requested. */
    path: string;
    /** Whether it carried the right Basic credentials. */
    authorized: boolean;
    /** Parsed JSON, the raw text if it was not JSON, undefined if empty. */
    body: any;
}

export interface Webhook {
    id: string;
    url: string;
    event: string;
}

export interface MediaInfo {
    id: string;
    mimeType: string;
    filename: string;
    size: number;
    sha256: string;
    /** Signed path (not a full URL), as the seed's gateway gives it: `/media/<id>?expires=..&token=..`. */
    downloadUrl: string;
}

export interface DeliveryResult {
    envelopeId: string;
    /** One per webhook POSTed to; 0 when the connection failed or timed out. */
    statuses: Array<number>;
    /** The answers, parsed as JSON when they are JSON. */
    bodies: Array<any>;
}

export interface DeliverOptions {
    envelopeId?: string;
    timestamp?: string | number;
    /** null: send no X-Signature header; a string: send that instead of the real signature. */
    signature?: string | null;
    /** Sign with this key instead of the gateway's (a phone configured with another key). */
    signingKey?: string;
    /** Rewrites the serialised body before signing, so the signature still matches what is sent. */
    rawMutation?: (body: string) => string;
    /** Rewrites the body after signing: a body altered in transit, which must fail verification. */
    tamper?: (body: string) => string;
    /** Deliver only to this URL (the registered webhook's id is used if one matches). */
    to?: string;
}

export interface AdvanceOptions {
    reason?: string;
    parts?: number;
    /** Older clients name the failure `error` instead of `reason` in sms:failed. */
    legacyErrorField?: boolean;
}

export interface MmsInput {
    subject?: string;
    text?: string;
    parts: Array<{ content: Buffer; mimeType: string; filename: string }>;
    transactionId?: string;
    simNumber?: number;
    receivedAt?: string;
}

/** One POST made to a webhook, kept for the tests and for redeliver(). */
export interface WebhookDelivery {
    envelopeId: string;
    event: string;
    url: string;
    body: string;
    headers: Record<string, string>;
    status: number;
}

/** What savedMessages() gives and restoreMessages() takes: plain data. */
export interface SavedMessages {
    sent: Array<SentMessage>;
    messages: Array<StoredMessage>;
}

interface StoredMessage {
    id: string;
    state: MessageState;
    textMessage?: { text: string };
    recipients: Array<{ phoneNumber: string; state: MessageState; error?: string }>;
    states: Partial<Record<MessageState, string>>;
    withDeliveryReport: boolean;
    simNumber?: number;
    parts?: number;
}

interface StoredMedia {
    info: MediaInfo;
    content: Buffer;
    failing: boolean;
}

type Post = Omit<WebhookDelivery, 'status'>;

class HttpError extends Error {
    public constructor(public readonly status: number, message: string) {
        super(message);
    }
}

/**
 * A local emulation of the MessageGate / "SMS Gateway for Android" local server on 127.0.0.1: the REST API the
 * app calls (messages, webhooks, health, media) and the phone's side (webhook deliveries, signed like Gson
 * writes them). See CONTRACTS.md §3. It can fail (500), hang, and be taken down and brought back on the same port.
 */
export class MessageGateEmulator {
    public readonly username: string;
    public readonly password: string;
    public readonly signingKey: string;
    public readonly build: GatewayBuild;
    public fault: FaultMode = 'none';
    public healthStatus: HealthStatus = 'pass';
    /** How long a webhook POST may take before it counts as failed (the phone allows 30 s). */
    public webhookTimeoutMs = 30000;
    /** How many accepted sends still lose their answer (500 after the message was taken): a response lost on the way. */
    public loseAnswersOfAcceptedSends = 0;
    public readonly sent: Array<SentMessage> = [];
    public readonly requests: Array<RecordedRequest> = [];
    public readonly mediaRequests: Array<string> = [];
    public readonly deliveries: Array<WebhookDelivery> = [];
    private readonly messages = new Map<string, StoredMessage>();
    private readonly hooks: Array<Webhook> = [];
    private readonly media = new Map<string, StoredMedia>();
    // Kept apart from `deliveries` so clear() does not stop a later redeliver().
    private readonly posted = new Map<string, Array<Post>>();
    private readonly server: LocalServer;

    public constructor({ username = 'sms', password = 'gate-pass-1', signingKey = 'sign-key-12345', build = 'seed', port = 0 }: MessageGateOptions = {}) {
        this.username = username;
        this.password = password;
        this.signingKey = signingKey;
        this.build = build;
        this.server = new LocalServer((request, response) => this.handle(request, response), port);
    }

    public get url(): string {
        return this.server.origin;
    }

    /** Listens on a random port the first time, on the same port after a stop(). */
    public start(): Promise<void> {
        return this.server.start();
    }

    /** Refuses connections until start() again. */
    public stop(): Promise<void> {
        return this.server.stop();
    }

    /** Forgets sent messages and the logs; webhooks and media stay. */
    public clear(): void {
        this.sent.length = 0;
        this.messages.clear();
        this.requests.length = 0;
        this.mediaRequests.length = 0;
        this.deliveries.length = 0;
    }

    /** The messages the phone accepted and their states, as it keeps them across a restart. */
    public savedMessages(): SavedMessages {
        return { sent: this.sent.map((sent) => ({ ...sent })), messages: [...this.messages.values()].map((message) => ({ ...message })) };
    }

    public restoreMessages(saved: SavedMessages): void {
        this.sent.splice(0, this.sent.length, ...saved.sent);
        this.messages.clear();
        saved.messages.forEach((message) => this.messages.set(message.id, message));
    }

    /** The state a message the gateway accepted is in now (undefined for an id it does not know). */
    public stateOf(messageId: string): MessageState | undefined {
        return this.messages.get(messageId)?.state;
    }

    public webhooks(): Array<Webhook> {
        return this.hooks.map(({ id, url, event }) => ({ id, url, event }));
    }

    // ---- test side: media -------------------------------------------------------------------------------

    /** Stores bytes the gateway serves at a signed /media path; a negative TTL gives an already expired link. */
    public addMedia(content: Buffer, mimeType: string, filename: string, ttlSeconds = 3600): MediaInfo {
        const id = randomId();
        const expires = Math.floor(Date.now() / 1000) + ttlSeconds;
        const info: MediaInfo = {
            id,
            mimeType,
            filename,
            size: content.length,
            sha256: crypto.createHash('sha256').update(content).digest('hex'),
            downloadUrl: `/media/${id}?expires=${expires}&token=${this.mediaToken(id, expires)}`,
        };
        this.media.set(id, { info, content, failing: false });
        return info;
    }

    /** From now on that media answers 500 (a phone that lost the file). */
    public failMedia(id: string): void {
        const stored = this.media.get(id);
        if (!stored) {
            throw new Error(`MessageGateEmulator: no media ${id}`);
        }
        stored.failing = true;
    }

    // ---- test side: the phone's events ------------------------------------------------------------------

    /**
     * Moves the message and all its recipients to `state` and sends the matching webhook once per recipient
     * (sms:delivered once per part, and only with a delivery report). Events nobody subscribed to are skipped,
     * as the phone does. Resolves with the statuses the deliveries got.
     */
    public async advance(messageId: string, state: AdvanceState, options: AdvanceOptions = {}): Promise<Array<number>> {
        const message = this.messages.get(messageId);
        if (!message) {
            throw new Error(`MessageGateEmulator: no message ${messageId}`);
        }
        const at = new Date().toISOString();
        message.state = state;
        message.states[state] = at;
        const reason = options.reason ?? 'Emulated failure';
        for (const recipient of message.recipients) {
            recipient.state = state;
            if (state === 'Failed') {
                recipient.error = reason;
            }
        }
        if (state === 'Sent') {
            message.parts = options.parts ?? 1;
        }
        const statuses: Array<number> = [];
        for (const recipient of message.recipients) {
            const base = this.outboundBase(message, recipient.phoneNumber);
            const events: Array<[string, Record<string, unknown>]> = [];
            if (state === 'Sent') {
                events.push(['sms:sent', { ...base, partsCount: message.parts, sentAt: at }]);
            } else if (state === 'Delivered' && message.withDeliveryReport) {
                const parts = options.parts ?? message.parts ?? 1;
                for (let part = 0; part < parts; part++) {
                    events.push(['sms:delivered', { ...base, deliveredAt: at }]);
                }
            } else if (state === 'Failed') {
                events.push(['sms:failed', { ...base, [options.legacyErrorField ? 'error' : 'reason']: reason, failedAt: at }]);
            } else if (state === 'Cancelled') {
                events.push(['sms:cancelled', { ...base, cancelledAt: at }]);
            }
            for (const [event, payload] of events) {
                if (this.subscribers(event).length > 0) {
                    statuses.push(...(await this.deliver(event, payload)).statuses);
                }
            }
        }
        return statuses;
    }

    /** An SMS arrives from `phoneNumber`; its messageId is a content hash, as on the phone. */
    public async receiveSms(phoneNumber: string, message: string, options: { receivedAt?: string; simNumber?: number } = {}): Promise<DeliveryResult> {
        const receivedAt = options.receivedAt ?? new Date().toISOString();
        const messageId = sha256Hex(phoneNumber + message + receivedAt).slice(0, 16);
        return this.deliver('sms:received', { messageId, ...this.inboundBase(phoneNumber, options.simNumber), message, receivedAt });
    }

    /**
     * An MMS arrives. Seed build: one mms:received with attachments (served by /media). Public build: an
     * mms:received notification, then mms:downloaded with the parts inline. One result per event delivered.
     */
    public async receiveMms(phoneNumber: string, mms: MmsInput): Promise<Array<DeliveryResult>> {
        const receivedAt = mms.receivedAt ?? new Date().toISOString();
        const transactionId = mms.transactionId ?? `T${crypto.randomBytes(8).toString('hex')}`;
        const messageId = sha256Hex(phoneNumber + transactionId + receivedAt).slice(0, 16);
        const size = mms.parts.reduce((total, part) => total + part.content.length, Buffer.byteLength(mms.text ?? ''));
        const common = { messageId, ...this.inboundBase(phoneNumber, mms.simNumber), transactionId, subject: mms.subject };
        if (this.build === 'seed') {
            const attachments = mms.parts.map((part) => this.addMedia(part.content, part.mimeType, part.filename));
            return [await this.deliver('mms:received', { ...common, body: mms.text, size, contentClass: 'IMAGE_BASIC', attachments, receivedAt })];
        }
        const events: Array<[string, Record<string, unknown>]> = [
            ['mms:received', { ...common, size, contentClass: 'IMAGE_BASIC', receivedAt }],
            [
                'mms:downloaded',
                {
                    ...common,
                    body: mms.text,
                    attachments: mms.parts.map((part, index) => ({
                        partId: index + 1,
                        contentType: part.mimeType,
                        name: part.filename,
                        size: part.content.length,
                        data: part.content.toString('base64'),
                    })),
                    receivedAt,
                },
            ],
        ];
        const wanted = events.filter(([event]) => this.subscribers(event).length > 0);
        if (wanted.length === 0) {
            throw new Error('MessageGateEmulator: no webhook is registered for mms:received or mms:downloaded');
        }
        const results: Array<DeliveryResult> = [];
        for (const [event, payload] of wanted) {
            results.push(await this.deliver(event, payload));
        }
        return results;
    }

    /** Sends one event, exactly as the phone does, to every webhook registered for it (or only to `to`). */
    public async deliver(event: string, payload: object, options: DeliverOptions = {}): Promise<DeliveryResult> {
        const targets = options.to ? [this.subscribers(event).find((hook) => hook.url === options.to) ?? { id: 'unregistered', url: options.to, event }] : this.subscribers(event);
        if (targets.length === 0) {
            throw new Error(`MessageGateEmulator: no webhook is registered for ${event}; the phone would send nothing`);
        }
        const envelopeId = options.envelopeId ?? randomId();
        const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
        const posts = targets.map((hook): Post => {
            let body = gsonStringify({ id: envelopeId, webhookId: hook.id, event, deviceId: EMULATED_DEVICE_ID, payload });
            if (options.rawMutation) {
                body = options.rawMutation(body);
            }
            const signature = options.signature === undefined ? signWebhook(options.signingKey ?? this.signingKey, body, timestamp) : options.signature;
            const headers: Record<string, string> = { 'Content-Type': 'application/json', 'X-Timestamp': timestamp };
            if (signature !== null) {
                headers['X-Signature'] = signature;
            }
            return { envelopeId, event, url: hook.url, body: options.tamper ? options.tamper(body) : body, headers };
        });
        this.posted.set(envelopeId, posts);
        return this.post(envelopeId, posts);
    }

    /** The phone's retry of an earlier delivery: the very same bytes and headers (same timestamp and signature). */
    public async redeliver(envelopeId: string): Promise<DeliveryResult> {
        const posts = this.posted.get(envelopeId);
        if (!posts) {
            throw new Error(`MessageGateEmulator: nothing was delivered with envelope id ${envelopeId}`);
        }
        return this.post(envelopeId, posts);
    }

    // ---- webhook delivery -------------------------------------------------------------------------------

    private subscribers(event: string): Array<Webhook> {
        return this.hooks.filter((hook) => hook.event === event);
    }

    // One at a time, in registration order, so tests see a deterministic order.
    private async post(envelopeId: string, posts: Array<Post>): Promise<DeliveryResult> {
        const result: DeliveryResult = { envelopeId, statuses: [], bodies: [] };
        for (const post of posts) {
            const { status, body } = await this.postOne(post);
            this.deliveries.push({ ...post, status });
            result.statuses.push(status);
            result.bodies.push(body);
        }
        return result;
    }

    private postOne(post: Post): Promise<{ status: number; body: any }> {
        return new Promise((resolve) => {
            const target = new URL(post.url);
            const send = target.protocol === 'https:' ? https.request : http.request;
            // agent: false, so no idle keep-alive socket outlives the test.
            const request = send(target, { method: 'POST', agent: false, headers: { ...post.headers, 'Content-Length': String(Buffer.byteLength(post.body)) } }, (response) => {
                const chunks: Array<Buffer> = [];
                response.on('data', (chunk: Buffer) => chunks.push(chunk));
                response.on('end', () => resolve({ status: response.statusCode ?? 0, body: parseBody(Buffer.concat(chunks).toString('utf8')) }));
                response.on('error', () => resolve({ status: 0, body: undefined }));
            });
            request.setTimeout(this.webhookTimeoutMs, () => request.destroy(new Error('timeout')));
            request.on('error', () => resolve({ status: 0, body: undefined }));
            request.end(post.body);
        });
    }

    // Outbound events: phoneNumber is the recipient; the public build adds sender (unknown: omitted) and recipient.
    private outboundBase(message: StoredMessage, phoneNumber: string): Record<string, unknown> {
        const build = this.build === 'public' ? { sender: undefined, recipient: phoneNumber } : {};
        return { messageId: message.id, phoneNumber, ...build, simNumber: message.simNumber ?? 1 };
    }

    // Inbound events: phoneNumber is the sender; the public build adds sender and recipient (own number unknown: omitted).
    private inboundBase(phoneNumber: string, simNumber: number | undefined): Record<string, unknown> {
        const build = this.build === 'public' ? { sender: phoneNumber, recipient: undefined } : {};
        return { phoneNumber, ...build, simNumber: simNumber ?? 1 };
    }

    private mediaToken(id: string, expires: number | string): string {
        return CryptoJS.HmacSHA256(`${id}:${expires}`, this.signingKey).toString(CryptoJS.enc.Hex);
    }

    // ---- HTTP API ---------------------------------------------------------------------------------------

    private handle(request: http.IncomingMessage, response: http.ServerResponse): void {
        const chunks: Array<Buffer> = [];
        request.on('data', (chunk: Buffer) => chunks.push(chunk));
        request.on('end', () => {
            const path = request.url || '/';
            const method = request.method || 'GET';
            const body = parseBody(Buffer.concat(chunks).toString('utf8'));
            const authorized = this.hasCredentials(request.headers.authorization);
            this.requests.push({ method, path, authorized, body });
            if (path.startsWith('/media/')) {
                this.mediaRequests.push(path);
            }
            if (this.fault === 'hang') {
                return;
            }
            try {
                if (this.fault === 'error500') {
                    throw new HttpError(500, 'Internal Server Error');
                }
                this.route(method, new URL(path, this.url), authorized, body, response);
            } catch (error) {
                const status = error instanceof HttpError ? error.status : 500;
                const headers: Record<string, string> = status === 401 ? { 'WWW-Authenticate': 'Basic realm="SMS Gateway"' } : {};
                answer(response, status, { message: error instanceof Error ? error.message : String(error) }, headers);
            }
        });
    }

    private route(method: string, url: URL, authorized: boolean, body: any, response: http.ServerResponse): void {
        const path = url.pathname.length > 1 ? url.pathname.replace(/\/$/, '') : url.pathname;
        if (method === 'GET' && path === '/health') {
            const status = this.healthStatus;
            return answer(response, status === 'fail' ? 500 : 200, { status, version: VERSION, releaseId: 1, checks: {} });
        }
        if (!authorized) {
            throw new HttpError(401, 'Unauthorized');
        }
        let match: RegExpMatchArray | null;
        if (method === 'POST' && /^\/messages?$/.test(path)) {
            const accepted = this.accept(body);
            if (this.loseAnswersOfAcceptedSends > 0) {
                this.loseAnswersOfAcceptedSends -= 1;
                throw new HttpError(500, 'Internal Server Error');
            }
            return answer(response, 202, accepted);
        }
        if (method === 'GET' && (match = path.match(/^\/messages?\/([^/]+)$/))) {
            const message = this.messages.get(decodeURIComponent(match[1]));
            if (!message) {
                throw new HttpError(404, 'message not found');
            }
            return answer(response, 200, messageObject(message, true));
        }
        if (method === 'GET' && path === '/webhooks') {
            return answer(response, 200, this.hooks.map((hook) => ({ ...hook, source: 'Local' })));
        }
        if (method === 'POST' && path === '/webhooks') {
            return answer(response, 201, { ...this.upsertWebhook(body), source: 'Local' });
        }
        if (method === 'DELETE' && (match = path.match(/^\/webhooks\/([^/]+)$/))) {
            const id = decodeURIComponent(match[1]);
            const index = this.hooks.findIndex((hook) => hook.id === id);
            if (index >= 0) {
                this.hooks.splice(index, 1);
            }
            response.writeHead(204);
            response.end();
            return;
        }
        if (method === 'GET' && (match = path.match(/^\/media\/([^/]+)$/))) {
            return this.serveMedia(decodeURIComponent(match[1]), url.searchParams, response);
        }
        throw new HttpError(404, 'Not Found');
    }

    /** POST /message: validates like the gateway, then records and answers the Pending message. */
    private accept(body: any): Record<string, unknown> {
        if (!isObject(body)) {
            throw new HttpError(400, 'request body must be a JSON object');
        }
        const { id, phoneNumbers, textMessage, mmsMessage, withDeliveryReport, simNumber } = body;
        if (!Array.isArray(phoneNumbers) || phoneNumbers.length === 0 || !phoneNumbers.every((phone) => typeof phone === 'string' && phone !== '')) {
            throw new HttpError(400, 'phoneNumbers is empty');
        }
        if (id !== undefined && id !== null && (typeof id !== 'string' || id.length > MAX_ID_LENGTH)) {
            throw new HttpError(400, `id must be a string of at most ${MAX_ID_LENGTH} characters`);
        }
        if (mmsMessage !== undefined && mmsMessage !== null && this.build === 'public') {
            throw new HttpError(400, 'mmsMessage is not supported');
        }
        const hasText = textMessage !== undefined && textMessage !== null;
        const hasMms = mmsMessage !== undefined && mmsMessage !== null;
        if (hasText === hasMms) {
            throw new HttpError(400, 'must specify exactly one of: textMessage, mmsMessage');
        }
        if (hasText && (!isObject(textMessage) || typeof textMessage.text !== 'string')) {
            throw new HttpError(400, 'textMessage.text is required');
        }
        if (hasMms && !validMms(mmsMessage)) {
            throw new HttpError(400, 'mmsMessage.attachments must be a list of {mimeType, filename, data}');
        }
        const text: unknown = hasText ? textMessage.text : mmsMessage.text;
        if (typeof text === 'string' && text.length > MAX_TEXT_LENGTH) {
            throw new HttpError(400, `text must be at most ${MAX_TEXT_LENGTH} characters`);
        }
        if (simNumber !== undefined && simNumber !== null && !(Number.isInteger(simNumber) && simNumber >= 1)) {
            throw new HttpError(400, 'simNumber must be a positive integer');
        }
        if (withDeliveryReport !== undefined && withDeliveryReport !== null && typeof withDeliveryReport !== 'boolean') {
            throw new HttpError(400, 'withDeliveryReport must be a boolean');
        }
        const messageId: string = typeof id === 'string' && id !== '' ? id : randomId();
        if (this.messages.has(messageId)) {
            throw new HttpError(409, `message with id ${messageId} already exists`);
        }
        const acceptedAt = new Date().toISOString();
        const stored: StoredMessage = {
            id: messageId,
            state: 'Pending',
            textMessage: hasText ? { text: textMessage.text } : undefined,
            recipients: phoneNumbers.map((phoneNumber: string) => ({ phoneNumber, state: 'Pending' as MessageState })),
            states: { Pending: acceptedAt },
            withDeliveryReport: withDeliveryReport ?? true,
            simNumber: simNumber ?? undefined,
        };
        this.messages.set(messageId, stored);
        this.sent.push(
            dropUndefined({
                id: messageId,
                phoneNumbers: [...phoneNumbers],
                textMessage: stored.textMessage,
                mmsMessage: hasMms ? mmsMessage : undefined,
                withDeliveryReport: stored.withDeliveryReport,
                simNumber: stored.simNumber,
                acceptedAt,
            }),
        );
        return messageObject(stored, false);
    }

    private upsertWebhook(body: any): Webhook {
        if (!isObject(body)) {
            throw new HttpError(400, 'request body must be a JSON object');
        }
        const { id, url, event } = body;
        if (typeof url !== 'string' || !(url.startsWith('https://') || url.startsWith('http://127.0.0.1'))) {
            throw new HttpError(400, 'url must start with https:// (or http://127.0.0.1)');
        }
        if (typeof event !== 'string' || !(WEBHOOK_EVENTS as ReadonlyArray<string>).includes(event)) {
            throw new HttpError(400, `event must be one of ${WEBHOOK_EVENTS.join(', ')}`);
        }
        if (id !== undefined && id !== null && typeof id !== 'string') {
            throw new HttpError(400, 'id must be a string');
        }
        const hook: Webhook = { id: id || randomId(), url, event };
        const index = this.hooks.findIndex((existing) => existing.id === hook.id);
        if (index >= 0) {
            this.hooks[index] = hook;
        } else {
            this.hooks.push(hook);
        }
        return { ...hook };
    }

    private serveMedia(id: string, query: URLSearchParams, response: http.ServerResponse): void {
        const stored = this.media.get(id);
        if (!stored) {
            throw new HttpError(404, 'media not found');
        }
        const expires = query.get('expires') ?? '';
        const token = query.get('token') ?? '';
        if (!/^\d+$/.test(expires) || token !== this.mediaToken(id, expires) || Number(expires) < Date.now() / 1000) {
            throw new HttpError(403, 'invalid or expired token');
        }
        if (stored.failing) {
            throw new HttpError(500, 'media unavailable');
        }
        response.writeHead(200, {
            'Content-Type': stored.info.mimeType,
            'Content-Length': String(stored.content.length),
            'Content-Disposition': `attachment; filename="${stored.info.filename.replace(/"/g, '')}"`,
        });
        response.end(stored.content);
    }

    private hasCredentials(authorization: string | undefined): boolean {
        const match = /^Basic\s+(\S+)$/i.exec(authorization ?? '');
        return !!match && Buffer.from(match[1], 'base64').toString('utf8') === `${this.username}:${this.password}`;
    }
}

/** X-Signature: lowercase hex HMAC-SHA256(key, body + timestamp), with crypto-js as the app has it. */
export function signWebhook(key: string, body: string, timestamp: string): string {
    return CryptoJS.HmacSHA256(body + timestamp, key).toString(CryptoJS.enc.Hex);
}

// The message object of the API; textMessage only on GET, as the gateway answers.
function messageObject(message: StoredMessage, withText: boolean): Record<string, unknown> {
    return {
        id: message.id,
        deviceId: EMULATED_DEVICE_ID,
        state: message.state,
        isHashed: false,
        isEncrypted: false,
        textMessage: withText ? message.textMessage : undefined,
        recipients: message.recipients.map((recipient) => ({ ...recipient })),
        states: { ...message.states },
    };
}

// Answers are Gson-written on the phone too: nulls omitted, HTML-safe escapes.
function answer(response: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    response.writeHead(status, { 'Content-Type': 'application/json; charset=UTF-8', ...headers });
    response.end(gsonStringify(body));
}

function parseBody(text: string): any {
    if (text === '') {
        return undefined;
    }
    try {
        return JSON.parse(text);
    } catch {
        return text;
    }
}

function validMms(mms: any): boolean {
    return (
        isObject(mms) &&
        (mms.text === undefined || mms.text === null || typeof mms.text === 'string') &&
        Array.isArray(mms.attachments) &&
        mms.attachments.every((attachment: any) => isObject(attachment) && typeof attachment.mimeType === 'string' && typeof attachment.data === 'string')
    );
}

function isObject(value: unknown): value is Record<string, any> {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function dropUndefined<T extends object>(value: T): T {
    return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}

function sha256Hex(text: string): string {
    return crypto.createHash('sha256').update(text, 'utf8').digest('hex');
}

// Ids like the gateway's NanoIDs: 21 characters of A-Za-z0-9_-.
function randomId(): string {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
    return Array.from(crypto.randomBytes(21), (byte) => alphabet[byte & 63]).join('');
}
