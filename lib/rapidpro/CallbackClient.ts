import { IHttp, IHttpResponse } from '@rocket.chat/apps-engine/definition/accessors';

import { describeError } from '../errors';
import { DeliveryOutcome } from '../outbox/OutboxItem';
import { CallbackBody } from './callbacks';

export interface CallbackTarget {
    url: string;
    secret: string;
    timeoutMs: number;
}

/**
 * The client of RapidPro's ticketer callback. Maps every answer to an outcome: 2xx delivered; 5xx, 408, 429
 * connection errors and anything unexpected retried; any other 4xx failed for good (RapidPro will never accept it).
 */
export class CallbackClient {
    constructor(private readonly http: IHttp) {}

    public async post(target: CallbackTarget, body: CallbackBody): Promise<DeliveryOutcome> {
        if (!target.url) {
            return { kind: 'retry', reason: 'the RapidPro callback URL is not set yet (RapidPro sends it when the ticketer is connected)' };
        }
        let response: IHttpResponse | undefined;
        try {
            response = await this.http.post(target.url, {
                headers: { 'Authorization': `Token ${target.secret}`, 'Content-Type': 'application/json' },
                data: body,
                timeout: target.timeoutMs,
            });
        } catch (error) {
            return { kind: 'retry', reason: `RapidPro could not be reached: ${describeError(error)}` };
        }
        if (!response) {
            // What the engine returns when the app may not use the network (the `networking` permission).
            return { kind: 'retry', reason: 'Rocket.Chat made no HTTP request (is the networking permission granted?)' };
        }
        const status = response.statusCode;
        if (status >= 200 && status < 300) {
            return { kind: 'delivered' };
        }
        const reason = `RapidPro answered HTTP ${status}${explanation(response)}`;
        const final = status >= 400 && status < 500 && status !== 408 && status !== 429;
        return final ? { kind: 'failed', reason } : { kind: 'retry', reason };
    }
}

/** RapidPro's own words: `{"error": …}` or `{"status": …}`, else the start of the body. */
function explanation(response: IHttpResponse): string {
    const data = response.data || {};
    const text = typeof data.error === 'string' ? data.error : typeof data.status === 'string' ? data.status : String(response.content || '').slice(0, 200);
    return text ? `: ${text}` : '';
}
