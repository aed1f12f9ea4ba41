import { badRequest } from '../errors';
import { parseJsonSetting } from '../jsonSetting';
import { isObject, JsonObject } from '../validation';

/** A text with placeholders for Freeside's substitution variables, `{$first}` as in Freeside's own templates (or `{first}`). */
export interface MessageTemplate {
    name: string;
    text: string;
}

const PLACEHOLDER = /\{\$?([A-Za-z_]\w*)\}/g;
/** Rocket.Chat's default message size: the text is also shown in the customer's room. */
const MAX_TEXT_LENGTH = 5000;

/** The Freeside templates setting: a JSON object from template name to text, e.g. {"payment_due": "Dear {$first}, …"}. */
export function parseTemplates(text: string): Array<MessageTemplate> {
    const value = parseJsonSetting(text);
    if (value === undefined) {
        return [];
    }
    if (!isObject(value)) {
        throw new Error('it must be a JSON object from template name to text, e.g. {"payment_due": "Dear {$first}, your balance is {$balance}."}');
    }
    return Object.entries(value).map(([name, template]) => {
        if (!/^[\w.-]{1,64}$/.test(name)) {
            throw new Error(`the template name "${name}" must be 1 to 64 letters, digits, ".", "_" or "-"`);
        }
        if (typeof template !== 'string' || !template.trim()) {
            throw new Error(`the template "${name}" must be a non-empty text`);
        }
        return { name, text: template };
    });
}

/** The template Prepare asked for (`template` in the interface's additional POST content), or the only one there is. */
export function chooseTemplate(templates: Array<MessageTemplate>, wanted: string | undefined): MessageTemplate {
    const names = templates.map((template) => template.name).join(', ');
    if (!templates.length) {
        throw badRequest('No Freeside template is configured in the Tickets app settings (Freeside templates)');
    }
    if (wanted === undefined) {
        if (templates.length === 1) {
            return templates[0];
        }
        throw badRequest(`template is required: put {"template": "<name>"} in the interface's additional POST content (one of ${names})`);
    }
    const template = templates.find((candidate) => candidate.name === wanted);
    if (!template) {
        throw badRequest(`There is no Freeside template "${wanted.slice(0, 64)}" (configured: ${names})`);
    }
    return template;
}

/**
 * The template with Freeside's variables filled in. A placeholder Freeside did not send is an error naming
 * it, never an empty string: a customer must not get "Dear , you owe ".
 */
export function renderTemplate(template: MessageTemplate, variables: JsonObject): string {
    const unknown = new Set<string>();
    const notText = new Set<string>();
    const text = template.text.replace(PLACEHOLDER, (placeholder, name: string) => {
        if (!Object.prototype.hasOwnProperty.call(variables, name)) {
            unknown.add(name);
            return placeholder;
        }
        const value = variables[name];
        if (value === null || value === undefined) {
            return '';
        }
        if (typeof value === 'object') {
            notText.add(name);
            return placeholder;
        }
        return String(value);
    });
    if (unknown.size) {
        throw badRequest(`Template "${template.name}" uses ${[...unknown].map((name) => `{$${name}}`).join(', ')}, which Freeside did not send`);
    }
    if (notText.size) {
        throw badRequest(`Template "${template.name}" uses ${[...notText].map((name) => `{$${name}}`).join(', ')}, which Freeside sent as a list or object, not as text`);
    }
    if (!text.trim()) {
        throw badRequest(`Template "${template.name}" gave an empty message`);
    }
    if (text.length > MAX_TEXT_LENGTH) {
        throw badRequest(`Template "${template.name}" gave a message of ${text.length} characters; at most ${MAX_TEXT_LENGTH} are sent`);
    }
    return text;
}
