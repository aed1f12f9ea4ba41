import { IRead } from '@rocket.chat/apps-engine/definition/accessors';

import { SettingsReader } from '../../settings/SettingsReader';
import { jsonErrorPosition } from '../jsonSetting';
import { isObject } from '../validation';
import { parseTemplate, ProviderTemplate, TemplateError } from './template';

/** The provider as set up: its template and the values of its properties. */
export interface ProviderSetup {
    template: ProviderTemplate;
    properties: Record<string, string>;
    timeoutMs: number;
}

/** The property values setting: a JSON object of texts (empty: no values yet). */
export function parseProperties(json: string): Record<string, string> {
    if (!json.trim()) {
        return {};
    }
    let raw: unknown;
    try {
        raw = JSON.parse(json);
    } catch (error) {
        throw new TemplateError(`the property values are not valid JSON${jsonErrorPosition(error)}`);
    }
    if (!isObject(raw)) {
        throw new TemplateError('the property values must be a JSON object such as {"API Key": "…"}');
    }
    for (const [name, value] of Object.entries(raw)) {
        if (typeof value !== 'string') {
            throw new TemplateError(`the property value of "${name}" must be a text`);
        }
    }
    return raw as Record<string, string>;
}

/** The provider, or undefined when no template is set; throws a TemplateError when what is set cannot be used. */
export async function providerSetup(read: IRead): Promise<ProviderSetup | undefined> {
    const settings = new SettingsReader(read);
    const [json, values, timeoutMs] = await Promise.all([settings.providerTemplate(), settings.providerProperties(), settings.requestTimeoutMs()]);
    if (!json) {
        return undefined;
    }
    return { template: parseTemplate(json), properties: parseProperties(values), timeoutMs };
}

/** Every property value, so a provider's answer that echoes one can be scrubbed before it is logged or shown. */
export function withoutSecrets(text: string, properties: Record<string, string>): string {
    return Object.values(properties)
        .filter((value) => value.length >= 4)
        .reduce((scrubbed, value) => scrubbed.split(value).join('***'), text);
}
