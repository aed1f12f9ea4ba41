import { badRequest } from '../errors';
import { senderKey } from '../messagegate/phone';
import { formOrJsonBody } from '../sources/formBody';
import { httpUrlProblem } from '../url';
import { JsonObject } from '../validation';
import { textAt } from './jsonPath';
import { ProviderTemplate, WebhookModel } from './template';

/** What a provider's webhook request is, read through the template's Webhook models. */
export type ProviderEvent =
    | { kind: 'message'; eventKey: string; phone: string; text: string; providerId?: string }
    | { kind: 'mms'; eventKey: string; phone: string; text?: string; url: string; providerId?: string }
    | { kind: 'delivered'; eventKey: string; providerId: string }
    | { kind: 'ignored'; eventKey: string };

const MAX_TEXT = 65535;

/**
 * The first model of the request's method whose fixed values (`$event_key$`, literals) the request holds,
 * and the values it says where to find. A request no model describes is `ignored` (the provider is
 * answered 200, so it does not retry an event the template does not ask for); one a model describes but
 * whose values are unusable is a 400 naming the key.
 */
export function parseProviderEvent(template: ProviderTemplate, method: string, data: JsonObject): ProviderEvent {
    const model = template.webhooks.find((candidate) => candidate.method === method.toUpperCase() && holdsExpected(candidate, data));
    if (!model) {
        return { kind: 'ignored', eventKey: 'unknown' };
    }
    const read = (field: keyof WebhookModel['fields']): string | undefined => {
        const path = model.fields[field];
        return path ? textAt(data, path) : undefined;
    };
    const where = (field: keyof WebhookModel['fields']) => (model.fields[field] || []).join('.');
    const providerId = read('messageid');
    const eventKey = model.eventKey;
    if (model.eventType === 'messageDelivered') {
        if (!providerId) {
            throw badRequest(`${where('messageid')} (the message id) is required for ${eventKey}`);
        }
        return { kind: 'delivered', eventKey, providerId };
    }
    const from = read('from');
    const phone = from && senderKey(from);
    if (!phone) {
        throw badRequest(`${where('from')} must be the sender's phone number (or sender id) for ${eventKey}`);
    }
    const text = read('content');
    if (text && text.length > MAX_TEXT) {
        throw badRequest(`${where('content')} must be at most ${MAX_TEXT} characters`);
    }
    const withId = providerId ? { providerId } : {};
    if (model.eventType === 'message') {
        if (!text) {
            throw badRequest(`${where('content')} (the text) is required for ${eventKey}`);
        }
        return { kind: 'message', eventKey, phone, text, ...withId };
    }
    const url = read('url');
    const problem = url ? httpUrlProblem(url) : 'is required';
    if (!url || problem) {
        throw badRequest(`${where('url')} (the file URL) ${problem} for ${eventKey}`);
    }
    return { kind: 'mms', eventKey, phone, url, ...(text ? { text } : {}), ...withId };
}

function holdsExpected(model: WebhookModel, data: JsonObject): boolean {
    // Form bodies and queries carry every value as text: 1 and "1" are the same value.
    return model.expects.every(({ path, value }) => textAt(data, path) === String(value));
}

/** The request's values: the parsed body (JSON or form), a JSON or form text, or the query of a GET. */
export function requestData(method: string, content: unknown, query: Record<string, string>): JsonObject {
    // The token may come in the query; it is no value of the event.
    const fromQuery = Object.keys(query || {})
        .filter((name) => name !== 'token')
        .reduce<JsonObject>((fields, name) => ({ ...fields, [name]: query[name] }), {});
    const empty = content === undefined || content === null || (typeof content === 'string' && !content.trim());
    const fields = empty ? {} : formOrJsonBody(content);
    if (!fields) {
        throw badRequest('The body must be a JSON object or form fields');
    }
    return method.toUpperCase() === 'GET' || Object.keys(fields).length === 0 ? { ...fromQuery, ...fields } : fields;
}
