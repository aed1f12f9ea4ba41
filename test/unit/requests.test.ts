import { parseRoomRequest, parseSettingsRequest, parseVisitorMessageRequest, parseVisitorToken } from '../../lib/rapidpro/requests';

const status400 = (message: string) => expect.objectContaining({ status: 400, message });

describe('parseRoomRequest', () => {
    it('reads every field RapidPro has sent', () => {
        const request = parseRoomRequest({
            ticketID: 'T1',
            priority: 'high',
            sessionStart: '2020-07-17T10:28:00Z',
            visitor: {
                token: '1234',
                contactUUID: 'C1',
                name: ' John Doe ',
                email: 'john.doe@mail.com',
                phone: '+15417543010',
                department: 'Foo',
                customFields: { foo: 'bar', age: 34, vip: true, empty: null },
            },
        });
        expect(request).toEqual({
            ticketID: 'T1',
            priority: 'high',
            sessionStart: '2020-07-17T10:28:00.000Z',
            visitor: {
                token: '1234',
                contactUUID: 'C1',
                name: 'John Doe',
                email: 'john.doe@mail.com',
                phone: '+15417543010',
                department: 'Foo',
                customFields: { foo: 'bar', age: '34', vip: 'true' },
            },
            unusable: [],
        });
    });

    it('leaves out an unusable email or sessionStart, saying why, instead of refusing the handover', () => {
        const request = parseRoomRequest({ ticketID: 'T', sessionStart: '17/07/2020', visitor: { token: '1', email: 'john at mail' } });
        expect(request.visitor.email).toBeUndefined();
        expect(request.sessionStart).toBeUndefined();
        expect(request.unusable).toEqual([
            { field: 'visitor.email', value: 'john at mail', reason: 'not an email address' },
            { field: 'sessionStart', value: '17/07/2020', reason: 'sessionStart must be an RFC 3339 date-time, e.g. 2020-07-17T10:28:00Z' },
        ]);
    });

    it("accepts the original README's spellings ticketId and contactUuid, and a numeric token", () => {
        const request = parseRoomRequest({ ticketId: 'T2', visitor: { token: 99, contactUuid: 'C2' } });
        expect(request).toMatchObject({ ticketID: 'T2', visitor: { token: '99', contactUUID: 'C2' } });
    });

    it('treats blank optional fields as absent', () => {
        expect(parseRoomRequest({ ticketID: 'T', visitor: { token: '1', name: '  ', email: '' } }).visitor).toEqual({ token: '1', customFields: {} });
    });

    it.each([
        [{ ticketID: 'T', visitor: { token: '' } }, 'visitor.token is required'],
        [{ ticketID: 'T', visitor: { token: 1.5 } }, 'visitor.token must be a string'],
        [{ ticketID: 'T', visitor: { token: 'x'.repeat(129) } }, 'visitor.token must be at most 128 characters'],
        [{ ticketID: 'T', visitor: 'abc' }, 'visitor must be a JSON object'],
        [{ ticketID: 'T', visitor: { token: '1', name: 5 } }, 'visitor.name must be a string'],
        [{ ticketID: 'T', visitor: { token: '1', customFields: [] } }, 'visitor.customFields must be a JSON object'],
        [{ ticketID: 'T', visitor: { token: '1', customFields: { '': 'x' } } }, 'visitor.customFields keys must be 1 to 256 characters'],
        [{ ticketID: 'T', priority: {}, visitor: { token: '1' } }, 'priority must be a string'],
    ])('refuses %j: %s', (body, message) => {
        expect(() => parseRoomRequest(body)).toThrow(status400(message));
    });
});

describe('parseVisitorMessageRequest', () => {
    it('reads the contract body', () => {
        expect(parseVisitorMessageRequest({ visitor: { token: '10000' }, text: "It's urgent", attachments: [{ type: 'image/JPG', url: 'https://x.org/i.jpg' }] })).toEqual({
            token: '10000',
            text: "It's urgent",
            attachments: [{ type: 'image/jpg', url: 'https://x.org/i.jpg' }],
        });
    });

    it('needs text or attachments', () => {
        expect(() => parseVisitorMessageRequest({ visitor: { token: '1' }, text: '', attachments: [] })).toThrow(status400('text or attachments is required'));
    });

    it("keeps the contact's text exactly, whitespace included", () => {
        expect(parseVisitorMessageRequest({ visitor: { token: '1' }, text: '  indented\n' }).text).toBe('  indented\n');
    });

    it('limits the number of attachments', () => {
        const attachments = Array.from({ length: 51 }, () => ({ url: 'https://x.org/a.png' }));
        expect(() => parseVisitorMessageRequest({ visitor: { token: '1' }, attachments })).toThrow(status400('attachments must have at most 50 items'));
    });
});

describe('parseVisitorToken and parseSettingsRequest', () => {
    it('reads the token of room.close', () => {
        expect(parseVisitorToken({ visitor: { token: '10000' } })).toBe('10000');
    });

    it('reads and checks the webhook URL', () => {
        expect(parseSettingsRequest({ webhook: { url: 'https://r.example.org/cb' } })).toEqual({ callbackUrl: 'https://r.example.org/cb' });
        expect(() => parseSettingsRequest({ webhook: { url: 'https://a:b@r.example.org/cb' } })).toThrow(status400('webhook.url must not contain credentials'));
    });
});
