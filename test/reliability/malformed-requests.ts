import fc from 'fast-check';

import { toE164 } from '../../lib/freeside/recipient';
import { PREPARED_FORMAT } from '../../lib/freeside/preparedMessage';
import { signWebhook } from '../harness/messagegate-emulator';
import { APP_SECRET } from '../harness/ticketer';
import { ApiCall } from '../harness/tickets-host';

/** One malformed request and the refusal it must get: the status, and what the error must name. */
export interface MalformedRequest {
    category: string;
    path: string;
    call: ApiCall;
    status: number;
    error: RegExp;
}

/** The app's routes and the methods each takes; every other method must get 405. */
export const ROUTES: Record<string, Array<string>> = {
    'secret.check': ['get'],
    'settings': ['put', 'get'],
    'room': ['get', 'post'],
    'room.close': ['get', 'post'],
    'visitor-message': ['post'],
    'messagegate/webhook': ['post'],
    'provider/webhook': ['get', 'post', 'put', 'patch'],
    'messages/incoming': ['post'],
    'freeside/prepare': ['post'],
    'freeside/send': ['post'],
};
// RapidPro's ticketer calls are the paths without a slash; the others authenticate their own way.
const TICKETER_PATHS = Object.keys(ROUTES).filter((path) => !path.includes('/'));
const METHODS = ['get', 'post', 'put', 'delete', 'patch', 'head', 'options'];
const DEFAULT_LIMIT = 1024 * 1024;
const WEBHOOK_LIMIT = 32 * 1024 * 1024;

/** A token of a ticket the suite opened first: messages to it are refused only for their own faults. */
export const KNOWN_TOKEN = 'fuzz-known-contact';

const goodAuth = { authorization: `Token ${APP_SECRET}`, 'content-type': 'application/json' };

/** Any JSON, including unicode, long strings and nesting; what a confused or hostile client sends. */
const anyJson = fc.jsonValue({ maxDepth: 4 });
const hugeString = fc.integer({ min: 1000, max: 70000 }).map((length) => 'ü'.repeat(length));
const weirdString = fc.oneof(fc.string(), fc.fullUnicodeString({ maxLength: 40 }), hugeString, fc.constantFrom('', ' ', '\u0000', '\ud800', '💥'.repeat(10), '<script>', "'; DROP TABLE"));
/**
 * What the engine can carry to an app at all. The Deno runtime (1.62) never hands over a request nested deeper
 * than 100 levels (its message encoder refuses it), nor one with a `__proto__` key anywhere (the request is
 * lost and times out after 30 s): Rocket.Chat answers those with 500 before the app sees them.
 */
export interface EngineLimits {
    maxNesting: number;
    protoKeys: boolean;
}

let limits: EngineLimits = { maxNesting: 3000, protoKeys: true };

/** Deeper than any real body, still JSON a server parses. */
const deeplyNested = fc.tuple(fc.integer({ min: 20, max: 3000 }), fc.boolean()).map(([wanted, arrays]) => {
    const depth = Math.min(wanted, limits.maxNesting);
    let value: unknown = 'bottom';
    for (let i = 0; i < depth; i++) {
        value = arrays ? [value] : { nested: value };
    }
    return value;
});
/** Extra fields beside the real ones, under names no contract uses, so they never make a body valid. */
const noise = fc.dictionary(fc.string({ maxLength: 8 }).map((key) => `x_${key}`), anyJson, { maxKeys: 4 });
/** Random headers a proxy or an attacker might add; never the ones that authenticate. */
const extraHeaders = fc.dictionary(
    fc.stringMatching(/^x-[a-z0-9-]{1,20}$/),
    fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('ü', 'a'.repeat(4000), '\t', '')),
    { maxKeys: 3 },
);
// Text that is never JSON, as Rocket.Chat hands over a body of another content type.
const notAnObject = fc.oneof(fc.string().map((text) => `{{${text}`), fc.integer(), fc.boolean(), fc.constant(null), fc.array(anyJson, { maxLength: 3 }), deeplyNested.filter(Array.isArray));
/** Values no id field takes: absent, blank, the wrong type, or too long. */
const badId = (maxLength: number) =>
    fc.oneof(
        fc.constant(undefined),
        fc.constantFrom('', '   ', '\t\n'),
        fc.boolean(),
        fc.double({ noInteger: true, noNaN: true }),
        fc.array(fc.string(), { maxLength: 2 }),
        fc.dictionary(fc.string({ maxLength: 3 }), fc.string(), { maxKeys: 2 }),
        fc.integer({ min: maxLength + 1, max: maxLength + 500 }).map((length) => 't'.repeat(length)),
        deeplyNested,
    );
const goodToken = fc.stringMatching(/^[a-z0-9-]{1,40}$/).map((token) => `unknown-${token}`);

function request(category: string, path: string, method: string, headers: Record<string, string>, content: unknown, status: number, error: RegExp): MalformedRequest {
    return { category, path, call: { method, headers, content: asParsedJson(content) }, status, error };
}

/** A body as a JSON parser gives it: fields set to undefined are absent (the Deno runtime would turn them into null). */
function asParsedJson(content: unknown): unknown {
    if (content === undefined || typeof content === 'string') {
        return content;
    }
    try {
        return JSON.parse(JSON.stringify(content), (key, value) => (key === '__proto__' && !limits.protoKeys ? undefined : value));
    } catch {
        // Nested deeper than this stack can write: it holds no undefined field, so it is already as parsed.
        return content;
    }
}

// ---- who is calling --------------------------------------------------------------------------------------

const wrongAuthorization = fc.oneof(
    fc.constant(undefined),
    fc.constantFrom('', 'Token', 'Token ', `Bearer ${APP_SECRET}`, `Basic ${APP_SECRET}`, `Token ${APP_SECRET.slice(0, -1)}`, `Token ${APP_SECRET}x`, `Token ${APP_SECRET.toLowerCase()}`, `Token  ${APP_SECRET} extra`),
    fc.integer({ min: 0, max: APP_SECRET.length - 1 }).map((at) => `Token ${APP_SECRET.slice(0, at)}${APP_SECRET[at] === 'A' ? 'B' : 'A'}${APP_SECRET.slice(at + 1)}`),
    weirdString.map((value) => `Token ${value}`),
    weirdString,
);

const unauthenticated = fc
    .record({ path: fc.constantFrom(...TICKETER_PATHS), authorization: wrongAuthorization, content: anyJson, headers: extraHeaders })
    .chain(({ path, authorization, content, headers }) =>
        fc.constantFrom(...METHODS).map((method) =>
            request('wrong or missing App Secret', path, method, { ...headers, ...(authorization === undefined ? {} : { authorization }) }, content, 401, /Authorization|App Secret/),
        ),
    );

const wrongMethod = fc
    .constantFrom(...TICKETER_PATHS)
    .chain((path) =>
        fc.record({ method: fc.constantFrom(...METHODS.filter((method) => !ROUTES[path].includes(method))), content: anyJson, headers: extraHeaders }).map(({ method, content, headers }) =>
            request('method the endpoint does not take', path, method, { ...headers, ...goodAuth }, content, 405, new RegExp(`is not allowed on ${path.replace('.', '\\.')}; use `)),
        ),
    );

// ---- what the ticketer calls carry -----------------------------------------------------------------------

const bodyNotAnObject = fc
    .record({ path: fc.constantFrom('room', 'room.close', 'visitor-message', 'settings'), content: notAnObject })
    .map(({ path, content }) => request('body that is not a JSON object', path, ROUTES[path].includes('post') ? 'post' : 'put', goodAuth, content, 400, /The body must be|is nested too deeply/));

const roomWithoutUsableVisitor = fc.record({ visitor: fc.oneof(fc.constant(undefined), notAnObject), ticketID: fc.string({ minLength: 1, maxLength: 20 }).filter((id) => id.trim() !== ''), noise }).map(({ visitor, ticketID, noise: extra }) =>
    request('room without a visitor object', 'room', 'get', goodAuth, { ...extra, ticketID, visitor }, 400, /visitor (is required|must be a JSON object)|nested too deeply/),
);

const roomWithBadToken = fc.record({ token: badId(128), name: weirdString, noise }).map(({ token, name, noise: extra }) =>
    request('room with an unusable visitor.token', 'room', 'post', goodAuth, { ...extra, ticketID: 'fuzz-ticket', visitor: { name, token } }, 400, /visitor\.token|nested too deeply|visitor\.name/),
);

const roomWithBadTicket = fc.record({ ticketID: badId(128), noise }).map(({ ticketID, noise: extra }) =>
    request('room with an unusable ticketID', 'room', 'get', goodAuth, { ...extra, ticketID, visitor: { token: 'fuzz-new-contact' } }, 400, /ticketID|nested too deeply/),
);

const roomWithBadCustomFields = fc
    .oneof(
        notAnObject.filter((value) => value !== null),
        fc.dictionary(fc.string({ minLength: 1, maxLength: 10 }).filter((key) => key.trim() !== ''), fc.oneof(fc.array(fc.string()), fc.dictionary(fc.string(), fc.string())), { minKeys: 1, maxKeys: 3 }),
    )
    .map((customFields) =>
        request('room with unusable custom fields', 'room', 'post', goodAuth, { ticketID: 'fuzz-ticket', visitor: { token: 'fuzz-new-contact', customFields } }, 400, /visitor\.customFields|nested too deeply/),
    );

const closeOfNoTicket = fc.oneof(
    fc.record({ token: badId(128), noise }).map(({ token, noise: extra }) =>
        request('room.close with an unusable token', 'room.close', 'post', goodAuth, { ...extra, visitor: { token } }, 400, /visitor\.token|nested too deeply/),
    ),
    goodToken.map((token) => request('room.close of a token that never had a room', 'room.close', 'get', goodAuth, { visitor: { token } }, 404, /./)),
);

const messageOfNoTicket = fc.oneof(
    fc.record({ token: badId(128), text: fc.string() }).map(({ token, text }) =>
        request('visitor-message with an unusable token', 'visitor-message', 'post', goodAuth, { visitor: { token }, text }, 400, /visitor\.token|nested too deeply/),
    ),
    fc.record({ token: goodToken, text: fc.string({ minLength: 1 }) }).map(({ token, text }) =>
        request('visitor-message to a token with no ticket', 'visitor-message', 'post', goodAuth, { visitor: { token }, text }, 404, /./),
    ),
);

const messageWithoutContent = fc
    .oneof(
        fc.record({ text: fc.constantFrom(undefined, null, ''), attachments: fc.constantFrom(undefined, null, []) }).map((body) => ({ body, error: /text or attachments is required/ })),
        fc.record({ text: fc.oneof(fc.integer(), fc.boolean(), fc.array(fc.string(), { minLength: 1 }), fc.dictionary(fc.string(), fc.string())) }).map((body) => ({ body, error: /text must be a string/ })),
        fc.record({ text: fc.integer({ min: 65536, max: 70000 }).map((length) => 'x'.repeat(length)) }).map((body) => ({ body, error: /text must be at most 65535 characters/ })),
        fc.record({ attachments: fc.oneof(fc.string(), fc.integer(), fc.dictionary(fc.string(), fc.string())) }).map((body) => ({ body, error: /attachments must be an array/ })),
        fc.record({ attachments: fc.array(fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.record({ type: fc.string() })), { minLength: 1, maxLength: 3 }) }).map((body) => ({ body, error: /attachments\[0\]/ })),
    )
    .map(({ body, error }) => request('visitor-message with no usable text or attachment', 'visitor-message', 'post', goodAuth, { ...body, visitor: { token: KNOWN_TOKEN } }, 400, error));

const settingsWithBadUrl = fc
    .oneof(
        fc.constantFrom('ftp://rapidpro.example.org/cb', 'javascript:alert(1)', 'file:///etc/passwd', '//rapidpro.example.org', 'http://', 'https://user:pw@rapidpro.example.org/', 'http://exa mple.org', 'http://example.org:99999/'),
        fc.string().filter((url) => !/^https?:\/\//i.test(url.trim())),
        fc.webUrl().map((url) => url.replace(/^https?/, 'gopher')),
    )
    .chain((url) =>
        fc.constantFrom({ webhook: { url } }, { webhook: url }, { url }, {}).map((content) => request('settings without a usable http(s) callback URL', 'settings', 'put', goodAuth, content, 400, /webhook(\.url)?/)),
    );

// ---- the template provider's webhook ---------------------------------------------------------------------

const wrongProviderToken = (webhookToken: string) =>
    fc
        .record({
            where: fc.constantFrom('query', 'header', 'bearer', 'none'),
            token: fc.oneof(weirdString, fc.constantFrom(webhookToken.slice(0, -1), `${webhookToken}x`, webhookToken.toUpperCase())),
            method: fc.constantFrom(...METHODS),
            content: anyJson,
        })
        .filter(({ token }) => token !== webhookToken)
        .map(({ where, token, method, content }) => {
            const headers: Record<string, string> = where === 'header' ? { 'x-webhook-token': token } : where === 'bearer' ? { authorization: `Bearer ${token}` } : {};
            const answer = request('provider webhook with a wrong or missing token', 'provider/webhook', method, headers, content, 401, /token/i);
            return where === 'query' ? { ...answer, call: { ...answer.call, query: { token } } } : answer;
        });

const providerWrongMethod = (webhookToken: string) =>
    fc.constantFrom('delete', 'head', 'options').map((method) =>
        request('method the provider webhook does not take', 'provider/webhook', method, { 'x-webhook-token': webhookToken }, {}, 405, /is not allowed on provider\/webhook; use /),
    );

// ---- message sources (messages/incoming) and Freeside ----------------------------------------------------

/** The message source and the Freeside login the fuzz world sets up (fuzz.test.ts), and its one Freeside template. */
export const FUZZ_SOURCE = { id: 'fuzz', username: 'fuzz-gateway', password: 'fuzz-source-pass' };
export const FUZZ_FREESIDE = { username: 'fuzz-freeside', password: 'fuzz-freeside-pass', templates: { fuzz: 'Hi {$first}' } };
const basic = (username: string, password: string) => `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
const sourceLogin = { authorization: basic(FUZZ_SOURCE.username, FUZZ_SOURCE.password) };
const freesideLogin = { authorization: basic(FUZZ_FREESIDE.username, FUZZ_FREESIDE.password), 'content-type': 'application/json' };
const FREESIDE_PATHS = ['freeside/prepare', 'freeside/send'];

/** Authorization headers that are not the given login: none, junk, Basic with junk, the wrong half, no colon. */
const wrongLogin = (username: string, password: string) =>
    fc.oneof(
        fc.constant(undefined),
        weirdString,
        weirdString.map((value) => `Basic ${value}`),
        weirdString.map((value) => `Basic ${Buffer.from(value).toString('base64')}`),
        fc.constantFrom(basic(username, `${password}x`), basic(username, password.slice(0, -1)), basic('nobody', password), basic(username.toUpperCase(), password), `Bearer ${password}`, `Basic ${Buffer.from(username).toString('base64')}`),
    );

const sourceWrongLogin = fc.record({ authorization: wrongLogin(FUZZ_SOURCE.username, FUZZ_SOURCE.password), method: fc.constantFrom(...METHODS), content: anyJson }).map(({ authorization, method, content }) =>
    request('message source with a wrong or missing login', 'messages/incoming', method, authorization === undefined ? {} : { authorization }, content, 403, /message source/),
);
const sourceOfAnotherId = fc
    .record({ sourceId: fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/).filter((id) => id !== FUZZ_SOURCE.id), flat: fc.boolean(), message: weirdString })
    .map(({ sourceId, flat, message }) => {
        const fields = { source_id: sourceId, from_address: '+4790000000', message };
        const content = flat ? Object.fromEntries(Object.entries(fields).map(([name, value]) => [`data[Message][${name}]`, value])) : { data: { Message: fields } };
        return request("message source posting another source's id", 'messages/incoming', 'post', sourceLogin, content, 403, /belongs to message source fuzz, not to source/);
    });
const sourceWrongMethod = fc
    .record({ method: fc.constantFrom(...METHODS.filter((method) => method !== 'post')), content: anyJson })
    .map(({ method, content }) => request('method messages/incoming does not take', 'messages/incoming', method, sourceLogin, content, 405, /is not allowed on messages\/incoming; use POST/));

const freesideWrongLogin = fc
    .record({ path: fc.constantFrom(...FREESIDE_PATHS), authorization: wrongLogin(FUZZ_FREESIDE.username, FUZZ_FREESIDE.password), method: fc.constantFrom(...METHODS), content: anyJson })
    .map(({ path, authorization, method, content }) => request('Freeside with a wrong or missing login', path, method, authorization === undefined ? {} : { authorization }, content, 401, /Freeside/));
const freesideWrongMethod = fc
    .record({ path: fc.constantFrom(...FREESIDE_PATHS), method: fc.constantFrom(...METHODS.filter((method) => method !== 'post')), content: anyJson })
    .map(({ path, method, content }) => request('method Freeside does not take', path, method, freesideLogin, content, 405, /is not allowed on freeside\/(prepare|send); use POST/));
const notAPhoneNumber = fc.oneof(weirdString, fc.constantFrom('n/a', 'call the office', '555', '++1 555', '+0 555 010 0001')).filter((value) => value.trim() !== '' && !toE164(value, '1'));
const prepareMalformed = fc
    .oneof(
        notAnObject.map((content) => ({ content, error: /The body must be|nested too deeply/ })),
        fc.oneof(fc.integer(), fc.boolean(), fc.array(fc.string(), { maxLength: 2 }), fc.dictionary(fc.string({ maxLength: 3 }), fc.string(), { maxKeys: 2 })).map((template) => ({ content: { template, first: 'A', mobile: '+4790000000' }, error: /template must be the name of a Freeside template/ })),
        weirdString.filter((name) => name !== 'fuzz').map((template) => ({ content: { template, first: 'A', mobile: '+4790000000' }, error: /There is no Freeside template/ })),
        noise.map((extra) => ({ content: { ...extra, template: 'fuzz', mobile: '+4790000000' }, error: /uses \{\$first\}, which Freeside did not send/ })),
        noise.map((extra) => ({ content: { ...extra, template: 'fuzz', first: 'A' }, error: /has no mobile, night or daytime phone number/ })),
        fc.record({ field: fc.constantFrom('to', 'mobile', 'night', 'daytime'), value: notAPhoneNumber }).map(({ field, value }) => ({ content: { template: 'fuzz', first: 'A', [field]: value }, error: /is not a phone number Tickets can send to/ })),
    )
    .map(({ content, error }) => request('Freeside prepare that cannot be prepared', 'freeside/prepare', 'post', freesideLogin, content, 400, error));
const preparedLike = fc.record({ id: fc.hexaString({ minLength: 24, maxLength: 24 }), to: fc.constant('+4790000000'), text: weirdString, template: fc.constant('fuzz'), custnum: fc.string(), customer: fc.string(), preparedAt: fc.constant('2026-11-23T10:00:00.000Z') });
const sendMalformed = fc
    .oneof(
        notAnObject.map((content) => ({ content, error: /The body must be|nested too deeply/ })),
        fc.record({ format: fc.oneof(fc.constant(undefined), weirdString, fc.integer()), noise }).map(({ format, noise: extra }) => ({ content: { ...extra, format }, error: /Not a message prepared by Tickets/ })),
        fc.record({ prepared: preparedLike, drop: fc.constantFrom('id', 'to', 'text', 'template', 'custnum', 'customer', 'preparedAt', 'signature'), value: fc.oneof(fc.constant(undefined), fc.integer(), fc.array(fc.string(), { maxLength: 1 })) }).map(({ prepared, drop, value }) => ({
            content: { ...prepared, format: PREPARED_FORMAT, signature: 'f'.repeat(64), [drop]: value },
            error: /The prepared message is incomplete/,
        })),
        fc.record({ prepared: preparedLike, signature: fc.oneof(fc.hexaString({ minLength: 64, maxLength: 64 }), weirdString) }).map(({ prepared, signature }) => ({
            content: { ...prepared, format: PREPARED_FORMAT, signature },
            error: /changed after Prepare/,
        })),
    )
    .map(({ content, error }) => request('Freeside send of a message Tickets did not prepare', 'freeside/send', 'post', freesideLogin, content, 400, error));

// ---- the gateway's webhook -------------------------------------------------------------------------------

const nowSeconds = () => Math.floor(Date.now() / 1000);
const signed = (content: unknown, key: string, timestamp = String(nowSeconds())): Record<string, string> => ({
    'content-type': 'application/json',
    'x-timestamp': timestamp,
    'x-signature': signWebhook(key, typeof content === 'string' ? content : JSON.stringify(content), timestamp),
});

const envelope = (event: string, payload: unknown) => ({ id: 'fuzz-envelope', webhookId: 'fuzz-hook', event, deviceId: 'fuzz-device', payload });

const badlySigned = (signingKey: string) =>
    fc
        .record({
            content: fc.oneof(anyJson, fc.constant(envelope('sms:received', { phoneNumber: '+4790000000', message: 'hi', receivedAt: '2026-11-23T10:00:00Z' }))),
            how: fc.constantFrom('none', 'wrong key', 'old', 'future', 'not a number', 'tampered', 'random', 'timestamp only'),
            junk: fc.string(),
        })
        .map(({ content, how, junk }) => {
            const valid = signed(content, signingKey);
            const variants: Record<typeof how, Record<string, string>> = {
                none: { 'content-type': 'application/json' },
                'wrong key': signed(content, `${signingKey}-wrong`),
                old: signed(content, signingKey, String(nowSeconds() - 3600)),
                future: signed(content, signingKey, String(nowSeconds() + 3600)),
                'not a number': { ...valid, 'x-timestamp': `${valid['x-timestamp']}s` },
                tampered: signed({ tampered: content }, signingKey),
                random: { ...valid, 'x-signature': `${junk}0`.repeat(2) },
                'timestamp only': { 'content-type': 'application/json', 'x-timestamp': valid['x-timestamp'] },
            };
            return request(`webhook signed wrongly (${how})`, 'messagegate/webhook', 'post', variants[how], content, 401, /signature|X-Timestamp|not signed/);
        });

const signedButMalformed = (signingKey: string) =>
    fc
        .oneof(
            notAnObject.map((content) => ({ content, error: /The body must be|nested too deeply/ })),
            fc.record({ id: badId(200), event: fc.constant('sms:received'), payload: fc.constant({}) }).map((content) => ({ content, error: /^id |nested too deeply/ })),
            fc.record({ id: fc.constant('e1'), event: badId(100), payload: fc.constant({}) }).map((content) => ({ content, error: /^event |nested too deeply/ })),
            fc.record({ id: fc.constant('e1'), event: fc.constant('sms:received'), payload: fc.oneof(fc.constant(undefined), notAnObject) }).map((content) => ({ content, error: /^payload |nested too deeply/ })),
            fc
                .oneof(fc.constant(undefined), fc.constantFrom('', '!!!', '+', '-', 'a'.repeat(60), '<>&'), fc.integer(), fc.boolean())
                .map((phoneNumber) => ({ content: envelope('sms:received', { phoneNumber, message: 'hi' }), error: /payload\.phoneNumber/ })),
            fc.constantFrom('sms:sent', 'sms:delivered', 'sms:failed').chain((event) =>
                badId(100).map((messageId) => ({ content: envelope(event, { messageId }), error: /payload\.messageId|nested too deeply/ })),
            ),
            fc.record({ data: fc.constantFrom('%%%', 'not base64!', '€€€'), name: fc.string() }).map((part) => ({
                content: envelope('mms:downloaded', { phoneNumber: '+4790000000', transactionId: 'T1', attachments: [part] }),
                error: /payload\.attachments\[0\]\.data must be base64/,
            })),
            fc.oneof(fc.string(), fc.integer(), fc.dictionary(fc.string(), fc.string())).map((attachments) => ({
                content: envelope('mms:received', { phoneNumber: '+4790000000', transactionId: 'T1', attachments }),
                error: /payload\.attachments must be an array/,
            })),
        )
        .map(({ content, error }) => request('webhook signed rightly but malformed', 'messagegate/webhook', 'post', signed(content, signingKey), content, 400, error));

// ---- sizes -----------------------------------------------------------------------------------------------

const oversized = fc.oneof(
    fc.record({ path: fc.constantFrom(...TICKETER_PATHS), declared: fc.integer({ min: DEFAULT_LIMIT + 1, max: 50 * DEFAULT_LIMIT }) }).map(({ path, declared }) =>
        request('body over the size limit (Content-Length)', path, ROUTES[path][0], { ...goodAuth, 'content-length': String(declared) }, { visitor: { token: KNOWN_TOKEN } }, 413, /takes at most 1048576 bytes/),
    ),
    fc.integer({ min: WEBHOOK_LIMIT + 1, max: 2 * WEBHOOK_LIMIT }).map((declared) =>
        request('webhook over the size limit (Content-Length)', 'messagegate/webhook', 'post', { 'content-type': 'application/json', 'content-length': String(declared) }, {}, 413, /takes at most 33554432 bytes/),
    ),
    fc.constantFrom('room', 'visitor-message', 'settings').map((path) =>
        request('body over the size limit (measured)', path, ROUTES[path][0] === 'get' ? 'post' : ROUTES[path][0], goodAuth, { visitor: { token: KNOWN_TOKEN }, text: 'z'.repeat(DEFAULT_LIMIT) }, 413, /takes at most 1048576 bytes/),
    ),
);

/** Every kind of malformed request, weighted so each category is hit hundreds of times in 10 000 runs. */
export function malformedRequests(signingKey: string, webhookToken: string, engineLimits: EngineLimits): fc.Arbitrary<MalformedRequest> {
    limits = engineLimits;
    return fc.oneof(
        { arbitrary: unauthenticated, weight: 4 },
        { arbitrary: wrongMethod, weight: 2 },
        { arbitrary: bodyNotAnObject, weight: 2 },
        { arbitrary: roomWithoutUsableVisitor, weight: 1 },
        { arbitrary: roomWithBadToken, weight: 2 },
        { arbitrary: roomWithBadTicket, weight: 1 },
        { arbitrary: roomWithBadCustomFields, weight: 1 },
        { arbitrary: closeOfNoTicket, weight: 1 },
        { arbitrary: messageOfNoTicket, weight: 2 },
        { arbitrary: messageWithoutContent, weight: 2 },
        { arbitrary: settingsWithBadUrl, weight: 1 },
        { arbitrary: badlySigned(signingKey), weight: 3 },
        { arbitrary: signedButMalformed(signingKey), weight: 3 },
        { arbitrary: oversized, weight: 1 },
        { arbitrary: wrongProviderToken(webhookToken), weight: 1 },
        { arbitrary: providerWrongMethod(webhookToken), weight: 1 },
        { arbitrary: sourceWrongLogin, weight: 1 },
        { arbitrary: sourceOfAnotherId, weight: 1 },
        { arbitrary: sourceWrongMethod, weight: 1 },
        { arbitrary: freesideWrongLogin, weight: 1 },
        { arbitrary: freesideWrongMethod, weight: 1 },
        { arbitrary: prepareMalformed, weight: 2 },
        { arbitrary: sendMalformed, weight: 2 },
    );
}
