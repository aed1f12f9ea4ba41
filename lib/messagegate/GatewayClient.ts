import { IHttp, IHttpRequest, IHttpResponse } from '@rocket.chat/apps-engine/definition/accessors';

import { GatewaySettings } from '../../settings/SettingsReader';
import { describeError } from '../errors';
import { GatewayState } from './webhookEvents';

/** The body of `POST /message`: text, or (seed build only) an MMS with base64 parts. */
export interface OutgoingMessage {
    id: string;
    phoneNumbers: Array<string>;
    textMessage?: { text: string };
    mmsMessage?: { text?: string; attachments: Array<{ mimeType: string; filename: string; data: string }> };
    withDeliveryReport: boolean;
    simNumber?: number;
}

/** What became of a send: `refused` is the gateway's 400 or 413 (invalid, MMS not supported by this build, too large). */
export type SendOutcome = { kind: 'accepted' } | { kind: 'refused'; reason: string } | { kind: 'retry'; reason: string } | { kind: 'failed'; reason: string };

export type Health = { status: string; version?: string } | { status: 'unreachable'; reason: string };

export interface MessageState {
    state: GatewayState;
    reason?: string;
}

type Answer = { reached: true; response: IHttpResponse } | { reached: false; reason: string };

/**
 * The client of the MessageGate local server API (Basic auth on everything but `/health`). One private
 * request function; each method maps the statuses of its call to an outcome and never throws on them.
 */
export class GatewayClient {
    constructor(private readonly http: IHttp, private readonly gateway: GatewaySettings) {}

    /** `POST /message`; 409 is a message the gateway already has under this id: accepted before, so not sent again. */
    public async send(message: OutgoingMessage): Promise<SendOutcome> {
        const answer = await this.request('post', '/message', { data: message });
        if (!answer.reached) {
            return { kind: 'retry', reason: answer.reason };
        }
        const { statusCode } = answer.response;
        if (statusCode === 202 || statusCode === 200 || statusCode === 201 || statusCode === 409) {
            return { kind: 'accepted' };
        }
        const reason = `MessageGate answered HTTP ${statusCode}${explanation(answer.response)}`;
        // 413: an MMS too large for the phone's server, which goes as a link like one the build cannot send.
        if (statusCode === 400 || statusCode === 413) {
            return { kind: 'refused', reason };
        }
        // Wrong credentials are a setting an admin can fix: kept and retried, the agents told why.
        const final = statusCode >= 400 && statusCode < 500 && ![401, 403, 408, 429].includes(statusCode);
        return final ? { kind: 'failed', reason } : { kind: 'retry', reason };
    }

    /** `GET /message/{id}`: the state and, for a failure, the recipient's error; undefined if it cannot be read now. */
    public async state(id: string): Promise<MessageState | undefined> {
        const answer = await this.request('get', `/message/${encodeURIComponent(id)}`);
        if (!answer.reached || answer.response.statusCode !== 200 || !answer.response.data) {
            return undefined;
        }
        const { state, recipients } = answer.response.data;
        const failed = Array.isArray(recipients) ? recipients.find((recipient) => recipient && typeof recipient.error === 'string') : undefined;
        return typeof state === 'string' ? { state: state as GatewayState, reason: failed ? failed.error : undefined } : undefined;
    }

    public async health(): Promise<Health> {
        const answer = await this.request('get', '/health', { anonymous: true });
        if (!answer.reached) {
            return { status: 'unreachable', reason: answer.reason };
        }
        const data = answer.response.data || {};
        const status = typeof data.status === 'string' ? data.status : `HTTP ${answer.response.statusCode}`;
        return typeof data.version === 'string' ? { status, version: data.version } : { status };
    }

    /** `POST /webhooks`, an upsert by id; throws with the reason when the gateway does not take it. */
    public async registerWebhook(id: string, url: string, event: string): Promise<void> {
        const answer = await this.request('post', '/webhooks', { data: { id, url, event } });
        this.expect(answer, [200, 201], `registering the ${event} webhook`);
    }

    public async deleteWebhook(id: string): Promise<void> {
        const answer = await this.request('del', `/webhooks/${encodeURIComponent(id)}`);
        this.expect(answer, [200, 204, 404], `removing the webhook ${id}`);
    }

    /** A stored MMS part from its signed `/media` path, as base64; a string explains why it could not be had. */
    public async download(path: string): Promise<{ base64: string } | { problem: string }> {
        if (!path.startsWith('/media/')) {
            // Basic credentials go to the gateway only, never to a URL a webhook names.
            return { problem: 'its download link does not point to the gateway' };
        }
        const answer = await this.request('get', path, { encoding: 'base64' });
        if (!answer.reached) {
            return { problem: answer.reason };
        }
        const { statusCode, content } = answer.response;
        if (statusCode !== 200 || typeof content !== 'string') {
            return { problem: `MessageGate answered HTTP ${statusCode}` };
        }
        return { base64: content };
    }

    private expect(answer: Answer, statuses: Array<number>, what: string): void {
        if (!answer.reached) {
            throw new Error(`MessageGate could not be reached when ${what}: ${answer.reason}`);
        }
        if (!statuses.includes(answer.response.statusCode)) {
            throw new Error(`MessageGate answered HTTP ${answer.response.statusCode} when ${what}${explanation(answer.response)}`);
        }
    }

    private async request(
        method: 'get' | 'post' | 'del',
        path: string,
        { data, encoding, anonymous = false }: { data?: object; encoding?: string; anonymous?: boolean } = {},
    ): Promise<Answer> {
        const { url, username, password, timeoutMs } = this.gateway;
        // Only the options in use: an undefined one may reach Rocket.Chat as null, and `encoding: null` means binary.
        const options: IHttpRequest = { timeout: timeoutMs };
        if (data) {
            options.data = data;
            options.headers = { 'Content-Type': 'application/json' };
        }
        if (encoding) {
            options.encoding = encoding;
        }
        if (!anonymous) {
            options.auth = `${username}:${password}`;
        }
        try {
            const verb = method === 'del' ? this.http.del : method === 'post' ? this.http.post : this.http.get;
            const response = await verb.call(this.http, `${url}${path}`, options);
            if (!response) {
                return { reached: false, reason: 'Rocket.Chat made no HTTP request (is the networking permission granted?)' };
            }
            return { reached: true, response };
        } catch (error) {
            return { reached: false, reason: `MessageGate could not be reached: ${describeError(error)}` };
        }
    }
}

/** The gateway's own words (`{"message": …}`), else the start of the body. */
function explanation(response: IHttpResponse): string {
    const data = response.data || {};
    const text = typeof data.message === 'string' ? data.message : String(response.content || '').slice(0, 200);
    return text ? `: ${text}` : '';
}
