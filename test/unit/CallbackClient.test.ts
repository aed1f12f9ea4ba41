import { IHttp, IHttpRequest, IHttpResponse } from '@rocket.chat/apps-engine/definition/accessors';

import { CallbackClient } from '../../lib/rapidpro/CallbackClient';

const body = { type: 'close-room' as const, ticketID: 'T', visitor: { token: '1' } };
const target = { url: 'https://rapidpro.example.org/cb', secret: 'S3CRET', timeoutMs: 5000 };

function httpAnswering(answer: Partial<IHttpResponse> | Error) {
    const calls: Array<{ url: string; options: IHttpRequest }> = [];
    const http = {
        post: async (url: string, options: IHttpRequest) => {
            calls.push({ url, options });
            if (answer instanceof Error) {
                throw answer;
            }
            return answer as IHttpResponse;
        },
    } as unknown as IHttp;
    return { http, calls };
}

describe('CallbackClient', () => {
    it('posts the body as JSON with the secret and the timeout', async () => {
        const { http, calls } = httpAnswering({ statusCode: 200, data: { status: 'handled' } });
        await expect(new CallbackClient(http).post(target, body)).resolves.toEqual({ kind: 'delivered' });
        expect(calls).toEqual([
            {
                url: target.url,
                options: { headers: { 'Authorization': 'Token S3CRET', 'Content-Type': 'application/json' }, data: body, timeout: 5000 },
            },
        ]);
    });

    it.each([
        [{ statusCode: 500, content: 'oops' }, { kind: 'retry', reason: 'RapidPro answered HTTP 500: oops' }],
        [{ statusCode: 503, data: { error: 'down' } }, { kind: 'retry', reason: 'RapidPro answered HTTP 503: down' }],
        [{ statusCode: 429 }, { kind: 'retry', reason: 'RapidPro answered HTTP 429' }],
        [{ statusCode: 408 }, { kind: 'retry', reason: 'RapidPro answered HTTP 408' }],
        [{ statusCode: 404, data: { error: 'no such ticket T' } }, { kind: 'failed', reason: 'RapidPro answered HTTP 404: no such ticket T' }],
        [{ statusCode: 401, data: { status: 'unauthorized' } }, { kind: 'failed', reason: 'RapidPro answered HTTP 401: unauthorized' }],
        [{ statusCode: 400, data: { error: 'bad body' } }, { kind: 'failed', reason: 'RapidPro answered HTTP 400: bad body' }],
    ])('maps %j to %j', async (response, outcome) => {
        const { http } = httpAnswering(response);
        await expect(new CallbackClient(http).post(target, body)).resolves.toEqual(outcome);
    });

    it('retries when RapidPro cannot be reached', async () => {
        const { http } = httpAnswering(new Error('connect ECONNREFUSED 127.0.0.1:9'));
        await expect(new CallbackClient(http).post(target, body)).resolves.toEqual({ kind: 'retry', reason: 'RapidPro could not be reached: connect ECONNREFUSED 127.0.0.1:9' });
    });

    it('retries when the engine made no request (networking not granted)', async () => {
        const { http } = httpAnswering(undefined as unknown as Partial<IHttpResponse>);
        await expect(new CallbackClient(http).post(target, body)).resolves.toEqual({
            kind: 'retry',
            reason: 'Rocket.Chat made no HTTP request (is the networking permission granted?)',
        });
    });

    it('waits, without calling anything, while RapidPro has not sent its callback URL', async () => {
        const { http, calls } = httpAnswering({ statusCode: 200 });
        const outcome = await new CallbackClient(http).post({ ...target, url: '' }, body);
        expect(outcome.kind).toBe('retry');
        expect(calls).toEqual([]);
    });
});
