import { httpUrlProblem } from '../url';
import { isObject, JsonObject } from '../validation';
import { fill, placeholdersIn } from './placeholders';
import { ProviderAuth, ProviderRequest, ProviderTemplate, TemplateError } from './template';

/** One HTTP request to the provider, ready for IHttp. */
export interface RenderedRequest {
    method: ProviderRequest['method'];
    url: string;
    headers: Record<string, string>;
    /** The body, already encoded (JSON or form); absent for GET. */
    content?: string;
}

/**
 * Fills a template request in. Values are placed, never spliced into syntax: JSON bodies are built as objects
 * and serialised (so quotes and newlines are escaped), form values and URL parts are URL-encoded. Properties
 * in a URL may carry its address (`$Server URL$/send`), so only characters a URL cannot hold are encoded in them.
 */
export function renderRequest(
    template: ProviderTemplate,
    request: ProviderRequest,
    values: Record<string, string>,
    properties: Record<string, string>,
): RenderedRequest {
    checkPropertiesFilled(template, request, properties);
    const everything = { ...properties, ...values };
    const isProperty = (name: string) => template.properties.includes(name);
    const url = fill(request.url, everything, (value, name) => (isProperty(name) ? encodeURI(value) : encodeURIComponent(value)));
    const headers: Record<string, string> = {};
    if (template.auth) {
        headers.Authorization = authorization(template.auth, properties);
    }
    const rendered: RenderedRequest = { method: request.method, url, headers };
    if (request.method === 'GET') {
        const query = formEncode(request.parameters, everything);
        rendered.url = query ? `${url}${url.includes('?') ? '&' : '?'}${query}` : url;
    } else {
        headers['Content-Type'] = request.contentType;
        rendered.content = request.encoding === 'json' ? JSON.stringify(fillJson(request.parameters, everything)) : formEncode(request.parameters, everything);
    }
    const problem = httpUrlProblem(rendered.url);
    if (problem) {
        throw new TemplateError(`request_url, filled in, ${problem}`);
    }
    return rendered;
}

export function authorization(auth: ProviderAuth, properties: Record<string, string>): string {
    if (auth.type === 'Bearer') {
        return `Bearer ${fill(auth.token, properties)}`;
    }
    return `Basic ${Buffer.from(`${fill(auth.username, properties)}:${fill(auth.password, properties)}`, 'utf8').toString('base64')}`;
}

function fillJson(node: unknown, values: Record<string, string>): unknown {
    if (typeof node === 'string') {
        return fill(node, values);
    }
    if (Array.isArray(node)) {
        return node.map((item) => fillJson(item, values));
    }
    if (isObject(node)) {
        return Object.keys(node).reduce<Record<string, unknown>>((filled, key) => ({ ...filled, [key]: fillJson(node[key], values) }), {});
    }
    return node;
}

/** `application/x-www-form-urlencoded`: names and values percent-encoded, spaces as `+`. */
function formEncode(parameters: JsonObject, values: Record<string, string>): string {
    const encode = (text: string) => encodeURIComponent(text).replace(/%20/g, '+');
    return Object.entries(parameters)
        .filter(([, value]) => value !== null)
        .map(([name, value]) => `${encode(name)}=${encode(typeof value === 'string' ? fill(value, values) : String(value))}`)
        .join('&');
}

/** A property the request uses but the admin left empty is named, rather than sent as an empty value. */
function checkPropertiesFilled(template: ProviderTemplate, request: ProviderRequest, properties: Record<string, string>): void {
    const texts = [request.url, JSON.stringify(request.parameters), template.from || ''];
    if (template.auth) {
        texts.push(...(template.auth.type === 'Bearer' ? [template.auth.token] : [template.auth.username, template.auth.password]));
    }
    for (const name of placeholdersIn(texts.join('\n'))) {
        if (template.properties.includes(name) && !properties[name]) {
            throw new TemplateError(`the property "${name}" of the provider ${template.name} has no value (SMS provider property values setting)`);
        }
    }
}
