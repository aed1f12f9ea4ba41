import { jsonErrorPosition } from '../jsonSetting';
import { isObject, JsonObject } from '../validation';
import { hasStrayDollar, placeholdersIn, wholePlaceholder } from './placeholders';

/**
 * An HTTP SMS provider described in one JSON file, after Ringotel's messaging integration template:
 * `properties` the admin fills, `auth`, `API.SendMessage` / `API.SendFile`, and the `Webhook` models of what
 * the provider posts back. Parsed and checked once, so every error names the key that is wrong.
 */
export interface ProviderTemplate {
    name: string;
    /** The number replies go out from (`$from$`); may be a property. */
    from?: string;
    properties: Array<string>;
    auth?: ProviderAuth;
    sendMessage: ProviderRequest;
    /** Absent: files go as links in the text of SendMessage. */
    sendFile?: ProviderRequest;
    webhooks: Array<WebhookModel>;
}

export type ProviderAuth = { type: 'Basic'; username: string; password: string } | { type: 'Bearer'; token: string };

export type JsonPath = Array<string | number>;

export interface ProviderRequest {
    method: 'GET' | 'POST' | 'PUT' | 'PATCH';
    url: string;
    /** As written, sent as the Content-Type header. */
    contentType: string;
    encoding: 'json' | 'form';
    /** The body (or, for GET, the query) with placeholders in its string values. */
    parameters: JsonObject;
    /** Where the provider's message id is in its answer (`response_map`). */
    messageIdPath?: JsonPath;
}

export type WebhookEventType = 'message' | 'mms' | 'messageDelivered';
export type WebhookField = 'from' | 'to' | 'content' | 'url' | 'messageid';

export interface WebhookModel {
    eventKey: string;
    eventType: WebhookEventType;
    method: string;
    /** Where each value is in the provider's request. */
    fields: Partial<Record<WebhookField, JsonPath>>;
    /** What the request must hold at a path to be of this model: the event key, or a literal value. */
    expects: Array<{ path: JsonPath; value: string | number | boolean }>;
}

/** Thrown for a template that cannot be used; the message starts with the offending key. */
export class TemplateError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'TemplateError';
    }
}

/** The values a message fills in, by request; properties fill in everywhere. */
const MESSAGE_VALUES = ['from', 'to', 'content', 'messageid'];
const FILE_VALUES = [...MESSAGE_VALUES, 'media_url', 'text', 'file_name', 'file_type'];
/** `$text$` and `$media_url$` are accepted beside Ringotel's `$content$` and `$url$`. */
const WEBHOOK_VALUES: Record<string, WebhookField | 'event_key'> = {
    from: 'from',
    to: 'to',
    content: 'content',
    text: 'content',
    url: 'url',
    media_url: 'url',
    messageid: 'messageid',
    event_key: 'event_key',
};
const EVENT_TYPES: Record<string, WebhookEventType> = { message: 'message', mms: 'mms', file: 'mms', messageDelivered: 'messageDelivered' };
const METHODS = ['GET', 'POST', 'PUT', 'PATCH'];
const TOP_LEVEL_KEYS = ['name', 'properties', 'from', 'auth', 'API', 'Webhook'];
const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/;
const MAX_DEPTH = 8;

export function parseTemplate(json: string): ProviderTemplate {
    let raw: unknown;
    try {
        raw = JSON.parse(json);
    } catch (error) {
        throw new TemplateError(`the template is not valid JSON${jsonErrorPosition(error)}`);
    }
    if (!isObject(raw)) {
        throw new TemplateError('the template must be a JSON object');
    }
    return new TemplateReader(raw).read();
}

class TemplateReader {
    private properties: Array<string> = [];
    private hasFrom = false;

    constructor(private readonly raw: JsonObject) {}

    public read(): ProviderTemplate {
        const name = this.raw.name;
        if (typeof name !== 'string' || !NAME.test(name)) {
            throw new TemplateError('name: required, 1 to 40 letters, digits, "-", "_" or "." (it names the provider in rooms and logs)');
        }
        for (const key of Object.keys(this.raw)) {
            if (!TOP_LEVEL_KEYS.includes(key)) {
                // Ringotel's OAuth2 and Subscribe among them: refused, so an admin does not think they are used.
                throw new TemplateError(`${key}: not supported; Tickets reads ${TOP_LEVEL_KEYS.join(', ')}`);
            }
        }
        this.properties = this.readProperties(this.raw.properties);
        const from = this.raw.from === undefined ? undefined : this.text(this.raw.from, 'from', []);
        this.hasFrom = from !== undefined;
        const auth = this.raw.auth === undefined ? undefined : this.readAuth(this.raw.auth);
        const api = this.object(this.raw.API, 'API');
        for (const key of Object.keys(api)) {
            if (key !== 'SendMessage' && key !== 'SendFile') {
                throw new TemplateError(`API.${key}: unknown method; use SendMessage and SendFile`);
            }
        }
        const sendMessage = this.readRequest(this.object(api.SendMessage, 'API.SendMessage'), 'API.SendMessage', MESSAGE_VALUES);
        const sendFile = api.SendFile === undefined ? undefined : this.readRequest(this.object(api.SendFile, 'API.SendFile'), 'API.SendFile', FILE_VALUES);
        const webhooks = this.readWebhooks(this.raw.Webhook === undefined ? [] : this.raw.Webhook);
        return { name, properties: this.properties, from, auth, sendMessage, sendFile, webhooks };
    }

    private readWebhooks(value: unknown): Array<WebhookModel> {
        if (!Array.isArray(value)) {
            throw new TemplateError('Webhook: must be an array of models');
        }
        const models = value.map((model, index) => this.readWebhook(model, `Webhook[${index}]`));
        const keys = new Set<string>();
        models.forEach((model, index) => {
            const key = `${model.method} ${model.eventKey}`;
            if (keys.has(key)) {
                throw new TemplateError(`Webhook[${index}].event_key: "${model.eventKey}" is used by an earlier model`);
            }
            keys.add(key);
        });
        return models;
    }

    private readProperties(value: unknown): Array<string> {
        if (value === undefined) {
            return [];
        }
        if (!Array.isArray(value)) {
            throw new TemplateError('properties: must be an array of names, e.g. ["Access Key"]');
        }
        const names: Array<string> = [];
        value.forEach((name, index) => {
            const field = `properties[${index}]`;
            if (typeof name !== 'string' || !name.trim() || name.includes('$')) {
                throw new TemplateError(`${field}: must be a non-empty name without "$"`);
            }
            if (FILE_VALUES.includes(name) || name in WEBHOOK_VALUES) {
                throw new TemplateError(`${field}: "${name}" is the name of a message value; choose another name`);
            }
            if (names.includes(name)) {
                throw new TemplateError(`${field}: "${name}" is listed twice`);
            }
            names.push(name);
        });
        return names;
    }

    private readAuth(value: unknown): ProviderAuth {
        const auth = this.object(value, 'auth');
        if (auth.type === 'Basic') {
            return { type: 'Basic', username: this.text(auth.username, 'auth.username', []), password: this.text(auth.password, 'auth.password', []) };
        }
        if (auth.type === 'Bearer') {
            return { type: 'Bearer', token: this.text(auth.token, 'auth.token', []) };
        }
        throw new TemplateError('auth.type: must be "Basic" (username, password) or "Bearer" (token)');
    }

    private readRequest(request: JsonObject, field: string, values: Array<string>): ProviderRequest {
        const method = typeof request.request_method === 'string' ? request.request_method.toUpperCase() : '';
        if (!METHODS.includes(method)) {
            throw new TemplateError(`${field}.request_method: must be one of ${METHODS.join(', ')}`);
        }
        const url = this.text(request.request_url, `${field}.request_url`, values);
        if (!/^https?:\/\//i.test(url) && !/^\$[^$]+\$/.test(url)) {
            throw new TemplateError(`${field}.request_url: must start with http:// or https:// (or a property holding the address)`);
        }
        const contentType = typeof request.request_content_type === 'string' ? request.request_content_type.trim() : '';
        const encoding = /^application\/json\b/i.test(contentType) ? 'json' : /^application\/x-www-form-urlencoded\b/i.test(contentType) ? 'form' : undefined;
        if (!encoding) {
            throw new TemplateError(`${field}.request_content_type: must be "application/json" or "application/x-www-form-urlencoded"`);
        }
        const parameters = this.object(request.request_parameters, `${field}.request_parameters`);
        this.checkParameters(parameters, `${field}.request_parameters`, values, encoding === 'form' || method === 'GET' ? 1 : MAX_DEPTH);
        const result: ProviderRequest = { method: method as ProviderRequest['method'], url, contentType, encoding, parameters };
        if (request.response_map !== undefined) {
            result.messageIdPath = this.readResponseMap(request.response_map, `${field}.response_map`);
        }
        for (const key of Object.keys(request)) {
            if (!['request_method', 'request_url', 'request_content_type', 'request_parameters', 'response_map'].includes(key)) {
                throw new TemplateError(`${field}.${key}: unknown key`);
            }
        }
        return result;
    }

    /** Strings may hold placeholders; a form (or a GET query) is flat: one level of names and values. */
    private checkParameters(value: unknown, field: string, values: Array<string>, depth: number): void {
        if (typeof value === 'string') {
            this.text(value, field, values);
        } else if (Array.isArray(value) || isObject(value)) {
            if (depth === 0) {
                throw new TemplateError(`${field}: too deeply nested (a form-encoded or GET request takes plain name=value pairs)`);
            }
            const entries: Array<[string | number, unknown]> = Array.isArray(value) ? value.map((item, index) => [index, item]) : Object.entries(value);
            for (const [key, item] of entries) {
                this.checkParameters(item, typeof key === 'number' ? `${field}[${key}]` : `${field}.${key}`, values, depth - 1);
            }
        } else if (!(typeof value === 'number' || typeof value === 'boolean' || value === null)) {
            throw new TemplateError(`${field}: must be a string, number, boolean, null, object or array`);
        }
    }

    private readResponseMap(value: unknown, field: string): JsonPath {
        const found: Array<JsonPath> = [];
        const walk = (node: unknown, path: JsonPath, at: string, depth: number): void => {
            if (typeof node === 'string') {
                if (wholePlaceholder(node) !== 'messageid') {
                    throw new TemplateError(`${at}: only "$messageid$" can be read from the provider's answer`);
                }
                found.push(path);
            } else if ((Array.isArray(node) || isObject(node)) && depth > 0) {
                const entries: Array<[string | number, unknown]> = Array.isArray(node) ? node.map((item, index) => [index, item]) : Object.entries(node);
                entries.forEach(([key, item]) => walk(item, [...path, key], typeof key === 'number' ? `${at}[${key}]` : `${at}.${key}`, depth - 1));
            } else {
                throw new TemplateError(`${at}: must be an object leading to "$messageid$"`);
            }
        };
        walk(value, [], field, MAX_DEPTH);
        if (found.length !== 1) {
            throw new TemplateError(`${field}: must hold "$messageid$" exactly once`);
        }
        return found[0];
    }

    private readWebhook(value: unknown, field: string): WebhookModel {
        const model = this.object(value, field);
        if (typeof model.event_key !== 'string' || !model.event_key) {
            throw new TemplateError(`${field}.event_key: required, the value that tells this event apart`);
        }
        const eventType = typeof model.event_type === 'string' ? EVENT_TYPES[model.event_type] : undefined;
        if (!eventType) {
            throw new TemplateError(`${field}.event_type: must be one of ${Object.keys(EVENT_TYPES).join(', ')}`);
        }
        const method = model.request_method === undefined ? 'POST' : typeof model.request_method === 'string' ? model.request_method.toUpperCase() : '';
        if (!METHODS.includes(method)) {
            throw new TemplateError(`${field}.request_method: must be one of ${METHODS.join(', ')}`);
        }
        const webhook: WebhookModel = { eventKey: model.event_key, eventType, method, fields: {}, expects: [] };
        const parameters = this.object(model.request_parameters, `${field}.request_parameters`);
        this.readWebhookParameters(webhook, parameters, [], `${field}.request_parameters`, MAX_DEPTH);
        const required: Record<WebhookEventType, Array<WebhookField>> = { message: ['from', 'content'], mms: ['from', 'url'], messageDelivered: ['messageid'] };
        for (const wanted of required[eventType]) {
            if (!webhook.fields[wanted]) {
                throw new TemplateError(`${field}.request_parameters: a ${model.event_type} model must say where "$${wanted === 'content' ? 'content' : wanted}$" is`);
            }
        }
        if (!webhook.expects.length) {
            throw new TemplateError(`${field}.request_parameters: must hold "$event_key$" (or a fixed value) so the event can be told apart`);
        }
        return webhook;
    }

    private readWebhookParameters(webhook: WebhookModel, node: JsonObject | Array<unknown>, path: JsonPath, field: string, depth: number): void {
        const entries: Array<[string | number, unknown]> = Array.isArray(node) ? node.map((item, index) => [index, item]) : Object.entries(node);
        for (const [key, item] of entries) {
            const at = typeof key === 'number' ? `${field}[${key}]` : `${field}.${key}`;
            const here = [...path, key];
            if (typeof item === 'string' && item.includes('$')) {
                const name = wholePlaceholder(item);
                const value = name === undefined ? undefined : WEBHOOK_VALUES[name];
                if (!value) {
                    throw new TemplateError(`${at}: must be exactly one of ${Object.keys(WEBHOOK_VALUES).map((known) => `$${known}$`).join(', ')}, or a fixed value`);
                }
                if (value === 'event_key') {
                    webhook.expects.push({ path: here, value: webhook.eventKey });
                } else if (webhook.fields[value]) {
                    throw new TemplateError(`${at}: "${item}" appears twice in the model`);
                } else {
                    webhook.fields[value] = here;
                }
            } else if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') {
                webhook.expects.push({ path: here, value: item });
            } else if ((Array.isArray(item) || isObject(item)) && depth > 0) {
                this.readWebhookParameters(webhook, item, here, at, depth - 1);
            } else {
                throw new TemplateError(`${at}: must be a placeholder, a fixed value or an object`);
            }
        }
    }

    /** A string whose placeholders are all known here: the properties, and the message values of this request. */
    private text(value: unknown, field: string, values: Array<string>): string {
        if (typeof value !== 'string') {
            throw new TemplateError(`${field}: must be a string`);
        }
        if (hasStrayDollar(value)) {
            throw new TemplateError(`${field}: a "$" that is not part of a placeholder; write "$$" for a dollar sign`);
        }
        for (const name of placeholdersIn(value)) {
            if (!values.includes(name) && !this.properties.includes(name)) {
                const known = [...values, ...this.properties].map((known) => `$${known}$`).join(', ') || 'none';
                throw new TemplateError(`${field}: unknown placeholder $${name}$ (known here: ${known})`);
            }
            if (name === 'from' && !this.hasFrom) {
                throw new TemplateError(`${field}: $from$ needs the top-level "from", the number replies go out from`);
            }
        }
        return value;
    }

    private object(value: unknown, field: string): JsonObject {
        if (!isObject(value)) {
            throw new TemplateError(`${field}: ${value === undefined ? 'required' : 'must be a JSON object'}`);
        }
        return value;
    }
}
