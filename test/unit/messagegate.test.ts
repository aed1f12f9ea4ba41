import * as CryptoJS from 'crypto-js';

import { gsonJson } from '../../lib/messagegate/gson';
import { gatewayMessageId, isOwnMessageId } from '../../lib/messagegate/messageIds';
import { normalizePhone, senderKey, smsToken } from '../../lib/messagegate/phone';
import { sourceToken } from '../../lib/sms/smsConversation';
import { verifyWebhookSignature } from '../../lib/messagegate/signature';
import { parseGatewayEvent } from '../../lib/messagegate/webhookEvents';

const KEY = 'sign-key-12345';
const NOW_MS = 1_795_000_000_000;
const timestamp = String(NOW_MS / 1000);
const sign = (body: string, at = timestamp, key = KEY) => CryptoJS.HmacSHA256(body + at, key).toString(CryptoJS.enc.Hex);
const envelope = { id: 'evt-1', webhookId: 'hook', event: 'sms:received', deviceId: 'dev', payload: { messageId: 'm', phoneNumber: '+4790214465', simNumber: 1, message: "a<b & 'c' = d", receivedAt: '2026-11-23T10:00:00.000+01:00' } };
const verify = (content: unknown, headers: Record<string, string>, windowSeconds = 300) => () => verifyWebhookSignature({ content, headers, signingKey: KEY, windowSeconds, nowMs: NOW_MS });

describe('webhook signature', () => {
    it('accepts the Gson-escaped serialisation the phone signed, from the parsed body', () => {
        const sent = JSON.stringify(envelope).replace(/</g, '\\u003c').replace(/&/g, '\\u0026').replace(/'/g, '\\u0027').replace(/=/g, '\\u003d');
        expect(gsonJson(envelope)).toBe(sent);
        expect(verify(JSON.parse(sent), { 'X-Signature': sign(sent), 'X-Timestamp': timestamp })).not.toThrow();
    });

    it('accepts a plain compact serialisation (a sender that does not escape)', () => {
        const plain = JSON.stringify(envelope);
        expect(verify(envelope, { 'x-signature': sign(plain).toUpperCase(), 'x-timestamp': timestamp })).not.toThrow();
    });

    it('uses the raw text when the runtime hands the body over as text', () => {
        const raw = '{ "id": "evt-1" }';
        expect(verify(raw, { 'X-Signature': sign(raw), 'X-Timestamp': timestamp })).not.toThrow();
        expect(verify(raw, { 'X-Signature': sign('{"id":"evt-1"}'), 'X-Timestamp': timestamp })).toThrow('Invalid webhook signature');
    });

    it('refuses a signature over another timestamp, another key, or a changed body', () => {
        const body = gsonJson(envelope);
        expect(verify(envelope, { 'X-Signature': sign(body, String(NOW_MS / 1000 - 1)), 'X-Timestamp': timestamp })).toThrow('Invalid webhook signature');
        expect(verify(envelope, { 'X-Signature': sign(body, timestamp, 'other-key-123'), 'X-Timestamp': timestamp })).toThrow('Invalid webhook signature');
        expect(verify({ ...envelope, id: 'evt-2' }, { 'X-Signature': sign(body), 'X-Timestamp': timestamp })).toThrow('Invalid webhook signature');
    });

    it('refuses timestamps outside the window, both ways, and ones that are not Unix seconds', () => {
        const at = (offset: number) => String(NOW_MS / 1000 + offset);
        const body = gsonJson(envelope);
        expect(verify(envelope, { 'X-Signature': sign(body, at(-300)), 'X-Timestamp': at(-300) })).not.toThrow();
        expect(verify(envelope, { 'X-Signature': sign(body, at(-301)), 'X-Timestamp': at(-301) })).toThrow('301 s away');
        expect(verify(envelope, { 'X-Signature': sign(body, at(301)), 'X-Timestamp': at(301) })).toThrow('301 s away');
        expect(verify(envelope, { 'X-Signature': sign(body), 'X-Timestamp': '2026-11-23T10:00:00Z' })).toThrow('Unix time');
    });

    it('refuses an unsigned webhook, and any webhook while no signing key is set', () => {
        expect(verify(envelope, { 'X-Timestamp': timestamp })).toThrow('not signed');
        expect(() => verifyWebhookSignature({ content: envelope, headers: { 'X-Signature': 'x', 'X-Timestamp': timestamp }, signingKey: '', windowSeconds: 300, nowMs: NOW_MS })).toThrow(
            'signing key is not set',
        );
    });
});

describe('webhook events', () => {
    it('reads sms:received with the number as the key of the conversation', () => {
        expect(parseGatewayEvent(envelope)).toEqual({ kind: 'sms', envelopeId: 'evt-1', phone: '+4790214465', receivedAt: '2026-11-23T10:00:00.000+01:00', text: "a<b & 'c' = d" });
    });

    it('reads a failure reason from `reason`, or from `error` as older phones send it', () => {
        const failed = (payload: object) => parseGatewayEvent({ id: 'e', event: 'sms:failed', payload: { messageId: 'tk-1', phoneNumber: '+47', ...payload } });
        expect(failed({ reason: 'NO_SERVICE' })).toMatchObject({ kind: 'status', state: 'Failed', reason: 'NO_SERVICE' });
        expect(failed({ error: 'RADIO_OFF' })).toMatchObject({ kind: 'status', state: 'Failed', reason: 'RADIO_OFF' });
    });

    it('ignores events it does not handle, and the bare mms:received notice of the public build', () => {
        expect(parseGatewayEvent({ id: 'e', event: 'system:ping', payload: {} })).toEqual({ kind: 'ignored', envelopeId: 'e', event: 'system:ping' });
        expect(parseGatewayEvent({ id: 'e', event: 'mms:received', payload: { phoneNumber: '+4790214465', transactionId: 'T' } })).toMatchObject({ kind: 'ignored' });
    });

    it.each([
        [{ event: 'sms:received', payload: {} }, 'id is required'],
        [{ id: 'e', payload: {} }, 'event is required'],
        [{ id: 'e', event: 'sms:received' }, 'payload is required'],
        [{ id: 'e', event: 'sms:received', payload: { phoneNumber: 'call me maybe' } }, 'payload.phoneNumber "call me maybe" is neither a phone number nor a sender id'],
        [{ id: 'e', event: 'mms:downloaded', payload: { phoneNumber: '+4790214465', attachments: [{ name: 'a', data: 'not base64!' }] } }, 'payload.attachments[0].data must be base64'],
    ])('refuses %j with 400: %s', (body, message) => {
        expect(() => parseGatewayEvent(body)).toThrow(message);
    });
});

describe('phone numbers and message ids', () => {
    it('keys a number by its digits and leading +, whatever the spacing', () => {
        expect(normalizePhone(' +47 902-14 465 ')).toBe('+4790214465');
        expect(normalizePhone('(555) 0100')).toBe('5550100');
        expect(normalizePhone('hello')).toBeUndefined();
        expect(smsToken('+4790214465')).toBe('sms-p4790214465');
    });

    it('takes an alphanumeric sender id as the sender of an inbound SMS, but never as a number to text', () => {
        expect(senderKey('Vipps')).toBe('Vipps');
        expect(senderKey('+47 902 14 465')).toBe('+4790214465');
        expect(senderKey('12345678901234567')).toBeUndefined();
        expect(normalizePhone('Vipps')).toBeUndefined();
        expect(smsToken('DNB Bank')).toBe('sms-id-DNB_0020Bank');
    });

    it('never gives two senders one token (a sender id spelling a number, ids that differ in punctuation)', () => {
        const senders = ['+4790214465', '4790214465', 'p4790214465', 'id-p1', 'a.b', 'a b', 'a&b', 'a-b', 'a_0020b'];
        expect(new Set(senders.map(smsToken)).size).toBe(senders.length);
        expect(sourceToken('a-id', '+1')).not.toBe(sourceToken('a', 'p1'));
        expect(sourceToken('1', '+639171234567')).toBe('src-1.p639171234567');
    });

    it('derives a stable gateway id of at most 36 characters from any Rocket.Chat message id', () => {
        expect(gatewayMessageId('aBcDeFgHiJkLmNoPq')).toBe('tk-aBcDeFgHiJkLmNoPq');
        const long = gatewayMessageId('x'.repeat(60));
        expect(long).toHaveLength(36);
        expect(gatewayMessageId('x'.repeat(60))).toBe(long);
        expect(gatewayMessageId('x'.repeat(61))).not.toBe(long);
        expect(isOwnMessageId(long)).toBe(true);
        expect(isOwnMessageId('someone-else')).toBe(false);
    });
});
