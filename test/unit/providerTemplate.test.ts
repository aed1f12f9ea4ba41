import * as fs from 'fs';
import * as path from 'path';

import { parseProperties, withoutSecrets } from '../../lib/providers/providerSetup';
import { renderRequest } from '../../lib/providers/renderRequest';
import { parseTemplate, ProviderTemplate } from '../../lib/providers/template';
import { parseProviderEvent, requestData } from '../../lib/providers/webhookEvents';

const example = (name: string): string => fs.readFileSync(path.resolve(__dirname, '..', '..', 'templates', name), 'utf8');

/** A small valid template, changed by each test where it matters. */
function template(change: (raw: any) => void = () => undefined): string {
    const raw: any = {
        name: 'acme',
        properties: ['API Key', 'Server'],
        from: '+4790000000',
        auth: { type: 'Bearer', token: '$API Key$' },
        API: {
            SendMessage: {
                request_method: 'POST',
                request_url: 'https://$Server$/send',
                request_content_type: 'application/json',
                request_parameters: { from: '$from$', to: '$to$', text: '$content$', ref: '$messageid$' },
                response_map: { result: [{ id: '$messageid$' }] },
            },
        },
        Webhook: [
            { event_key: 'sms', event_type: 'message', request_method: 'POST', request_parameters: { type: '$event_key$', msisdn: '$from$', text: '$content$', id: '$messageid$' } },
            { event_key: 'dlr', event_type: 'messageDelivered', request_parameters: { type: '$event_key$', id: '$messageid$' } },
        ],
    };
    change(raw);
    return JSON.stringify(raw);
}

const refusal = (json: string): string => {
    try {
        parseTemplate(json);
    } catch (error) {
        return (error as Error).message;
    }
    throw new Error('the template was accepted');
};

describe('provider template validation', () => {
    it('accepts both example templates shipped in templates/', () => {
        expect(parseTemplate(example('messagegate.json')).name).toBe('messagegate-http');
        expect(parseTemplate(example('generic-json.json')).webhooks.map((model) => model.eventType)).toEqual(['message', 'mms', 'messageDelivered']);
    });

    it('reads where the message id is in the answer from response_map, through arrays too', () => {
        expect(parseTemplate(template()).sendMessage.messageIdPath).toEqual(['result', 0, 'id']);
    });

    it.each([
        ['an unknown placeholder', (raw: any) => (raw.API.SendMessage.request_parameters.text = '$body$'), 'API.SendMessage.request_parameters.text: unknown placeholder $body$'],
        ['a file placeholder in SendMessage', (raw: any) => (raw.API.SendMessage.request_parameters.url = '$media_url$'), 'API.SendMessage.request_parameters.url: unknown placeholder $media_url$'],
        ['an unknown property in auth', (raw: any) => (raw.auth.token = '$Secret$'), 'auth.token: unknown placeholder $Secret$'],
        ['a message value in auth', (raw: any) => (raw.auth.token = '$to$'), 'auth.token: unknown placeholder $to$'],
        ['a stray dollar', (raw: any) => (raw.API.SendMessage.request_parameters.text = 'costs $5'), 'API.SendMessage.request_parameters.text: a "$" that is not part of a placeholder'],
        ['an unknown auth type', (raw: any) => (raw.auth = { type: 'Digest' }), 'auth.type: must be "Basic"'],
        ['a missing SendMessage', (raw: any) => delete raw.API.SendMessage, 'API.SendMessage: required'],
        ['an unknown API method', (raw: any) => (raw.API.Subscribe = {}), 'API.Subscribe: unknown method'],
        ['a bad method', (raw: any) => (raw.API.SendMessage.request_method = 'DELETE'), 'API.SendMessage.request_method: must be one of'],
        ['a relative URL', (raw: any) => (raw.API.SendMessage.request_url = '/send'), 'API.SendMessage.request_url: must start with http'],
        ['an XML content type', (raw: any) => (raw.API.SendMessage.request_content_type = 'text/xml'), 'API.SendMessage.request_content_type: must be'],
        ['a nested form', (raw: any) => {
            raw.API.SendMessage.request_content_type = 'application/x-www-form-urlencoded';
            raw.API.SendMessage.request_parameters.nested = { a: '$to$' };
        }, 'API.SendMessage.request_parameters.nested: too deeply nested'],
        ['a response_map without $messageid$', (raw: any) => (raw.API.SendMessage.response_map = { id: 'x' }), 'API.SendMessage.response_map.id: only "$messageid$"'],
        ['$from$ without a from number', (raw: any) => delete raw.from, 'API.SendMessage.request_parameters.from: $from$ needs the top-level "from"'],
        ['a property named like a message value', (raw: any) => raw.properties.push('to'), 'properties[2]: "to" is the name of a message value'],
        ['a webhook event type', (raw: any) => (raw.Webhook[0].event_type = 'sms'), 'Webhook[0].event_type: must be one of message, mms, file, messageDelivered'],
        ['a webhook without the sender', (raw: any) => delete raw.Webhook[0].request_parameters.msisdn, 'Webhook[0].request_parameters: a message model must say where "$from$" is'],
        ['a webhook placeholder inside text', (raw: any) => (raw.Webhook[0].request_parameters.text = 'Re: $content$'), 'Webhook[0].request_parameters.text: must be exactly one of'],
        ['a webhook that cannot be told apart', (raw: any) => delete raw.Webhook[1].request_parameters.type, 'Webhook[1].request_parameters: must hold "$event_key$"'],
        ['two webhooks with one key', (raw: any) => (raw.Webhook[1].event_key = 'sms'), 'Webhook[1].event_key: "sms" is used by an earlier model'],
        ['a missing name', (raw: any) => delete raw.name, 'name: required'],
        ["Ringotel's OAuth2", (raw: any) => (raw.OAuth2 = { client_id: '$API Key$' }), 'OAuth2: not supported; Tickets reads name, properties, from, auth, API, Webhook'],
    ])('refuses %s, naming the key', (_case, change, message) => {
        expect(refusal(template(change))).toContain(message);
    });

    it('refuses text that is not JSON, without quoting it (a template may hold a literal token)', () => {
        expect(refusal('{"name": ')).toMatch(/^the template is not valid JSON/);
        expect(refusal('{"auth": {"type": "Bearer", "token": "sk-live-7f3a9"} x')).not.toContain('sk-live-7f3a9');
    });
});

describe('filling a template request in', () => {
    const properties = { 'API Key': 'k3y-s3cret', 'Server': 'sms.example.com' };
    const values = { from: '+4790000000', to: '+47 902', content: 'He said "hi"\nthen left & paid $5 = 50%', messageid: 'tk-1' };

    it('escapes message text as JSON in a JSON body, and leaves placeholder-like text in it alone', () => {
        const parsed = parseTemplate(template());
        const request = renderRequest(parsed, parsed.sendMessage, { ...values, content: `${values.content} $to$` }, properties);
        expect(JSON.parse(request.content as string)).toEqual({ from: '+4790000000', to: '+47 902', text: `${values.content} $to$`, ref: 'tk-1' });
        expect(request.headers).toEqual({ 'Authorization': 'Bearer k3y-s3cret', 'Content-Type': 'application/json' });
        expect(request.url).toBe('https://sms.example.com/send');
    });

    it('URL-encodes values in a form body and message values in the URL, with Basic auth', () => {
        const parsed = parseTemplate(
            template((raw) => {
                raw.auth = { type: 'Basic', username: 'acct', password: '$API Key$' };
                raw.API.SendMessage.request_url = 'https://$Server$/send/$to$';
                raw.API.SendMessage.request_content_type = 'application/x-www-form-urlencoded; charset=utf-8';
            }),
        );
        const request = renderRequest(parsed, parsed.sendMessage, values, properties);
        expect(request.url).toBe('https://sms.example.com/send/%2B47%20902');
        expect(request.content).toBe('from=%2B4790000000&to=%2B47+902&text=He+said+%22hi%22%0Athen+left+%26+paid+%245+%3D+50%25&ref=tk-1');
        expect(request.headers.Authorization).toBe(`Basic ${Buffer.from('acct:k3y-s3cret').toString('base64')}`);
        expect(new URLSearchParams(request.content).get('text')).toBe(values.content);
    });

    it('puts the parameters of a GET in the query', () => {
        const parsed = parseTemplate(template((raw) => (raw.API.SendMessage.request_method = 'GET')));
        const request = renderRequest(parsed, parsed.sendMessage, values, properties);
        expect(request.content).toBeUndefined();
        expect(new URL(request.url).searchParams.get('text')).toBe(values.content);
    });

    it('names a property the admin left empty', () => {
        const parsed = parseTemplate(template());
        expect(() => renderRequest(parsed, parsed.sendMessage, values, { 'Server': 'sms.example.com' })).toThrow('the property "API Key" of the provider acme has no value');
    });

    it('reads the property values as a JSON object of texts, without quoting them in its errors', () => {
        expect(parseProperties('{"API Key": "x"}')).toEqual({ 'API Key': 'x' });
        expect(() => parseProperties('{"API Key": 5}')).toThrow('the property value of "API Key" must be a text');
        expect(() => parseProperties('{"API Key": "hunter2"')).toThrow('the property values are not valid JSON');
        expect(() => parseProperties('{"API Key": "hunter2"')).not.toThrow(/hunter2/);
        expect(withoutSecrets('denied for key k3y-s3cret', properties)).toBe('denied for key ***');
    });
});

describe('reading a provider webhook through the models', () => {
    const parsed: ProviderTemplate = parseTemplate(template());

    it('reads a message from JSON', () => {
        expect(parseProviderEvent(parsed, 'post', { type: 'sms', msisdn: '+4790111111', text: 'hello', id: 'p-1' })).toEqual({
            kind: 'message',
            eventKey: 'sms',
            phone: '+4790111111',
            text: 'hello',
            providerId: 'p-1',
        });
    });

    it('reads a form body and numbers given as text', () => {
        const data = requestData('post', 'type=dlr&id=12345', {});
        expect(parseProviderEvent(parsed, 'post', data)).toEqual({ kind: 'delivered', eventKey: 'dlr', providerId: '12345' });
    });

    it('ignores what no model describes, and names the key of an unusable value', () => {
        expect(parseProviderEvent(parsed, 'post', { type: 'status' }).kind).toBe('ignored');
        expect(parseProviderEvent(parsed, 'get', { type: 'sms' }).kind).toBe('ignored');
        expect(() => parseProviderEvent(parsed, 'post', { type: 'sms', msisdn: '<script>', text: 'x' })).toThrow('msisdn must be the sender');
        expect(() => parseProviderEvent(parsed, 'post', { type: 'sms', msisdn: '+4790111111' })).toThrow('text (the text) is required');
    });

    it('refuses a body that is neither JSON nor form fields', () => {
        expect(() => requestData('post', '{"type": ', {})).toThrow('The body must be a JSON object or form fields');
        expect(() => requestData('post', [1, 2], {})).toThrow('The body must be a JSON object or form fields');
        expect(requestData('get', undefined, { token: 't', type: 'dlr' })).toEqual({ type: 'dlr' });
    });
});
