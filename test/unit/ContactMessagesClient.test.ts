import { IHttp, IHttpRequest } from '@rocket.chat/apps-engine/definition/accessors';

import { ContactMessagesClient } from '../../lib/rapidpro/ContactMessagesClient';

const query = { origin: 'https://rapidpro.example.org', token: 'T0KEN', contactUUID: 'C-1', after: '2020-07-17T10:28:00.000Z', timeoutMs: 5000 };

function httpServing(pages: Record<string, { status: number; data?: unknown }>) {
    const requested: Array<{ url: string; options: IHttpRequest }> = [];
    const http = {
        get: async (url: string, options: IHttpRequest) => {
            requested.push({ url, options });
            const page = pages[url] || { status: 404 };
            return { statusCode: page.status, data: page.data };
        },
    } as unknown as IHttp;
    return { http, requested };
}

const first = 'https://rapidpro.example.org/api/v2/messages.json?contact=C-1&after=2020-07-17T10%3A28%3A00.000Z';

describe('ContactMessagesClient', () => {
    it('reads the messages with the token, skipping records it cannot use', async () => {
        const { http, requested } = httpServing({
            [first]: {
                status: 200,
                data: {
                    next: null,
                    results: [
                        { direction: 'in', text: 'hi', created_on: '2020-07-17T10:29:00Z', status: 'handled', attachments: [{ content_type: 'image/png', url: 'https://m.org/a.png' }] },
                        { direction: 'sideways', text: 'odd', created_on: '2020-07-17T10:29:00Z' },
                        'not a message',
                    ],
                },
            },
        });
        const outcome = await new ContactMessagesClient(http).messagesOf(query);
        expect(outcome).toEqual({
            kind: 'loaded',
            messages: [{ direction: 'in', text: 'hi', createdOn: '2020-07-17T10:29:00Z', status: 'handled', attachments: [{ contentType: 'image/png', url: 'https://m.org/a.png' }] }],
        });
        expect(requested[0].options).toEqual({ headers: { Authorization: 'Token T0KEN' }, timeout: 5000 });
    });

    it('never sends the token to a next page on another server', async () => {
        const { http, requested } = httpServing({ [first]: { status: 200, data: { next: 'https://elsewhere.example.com/api/v2/messages.json?cursor=2', results: [] } } });
        await new ContactMessagesClient(http).messagesOf(query);
        expect(requested.map((request) => request.url)).toEqual([first]);
    });

    it.each([
        [{ status: 502 }, { kind: 'retry', reason: 'RapidPro answered HTTP 502' }],
        [{ status: 403, data: { detail: 'Invalid token' } }, { kind: 'failed', reason: 'RapidPro answered HTTP 403 without messages' }],
        [{ status: 200, data: { detail: 'odd' } }, { kind: 'failed', reason: 'RapidPro answered HTTP 200 without messages' }],
    ])('maps %j to %j', async (page, outcome) => {
        const { http } = httpServing({ [first]: page });
        await expect(new ContactMessagesClient(http).messagesOf(query)).resolves.toEqual(outcome);
    });
});
