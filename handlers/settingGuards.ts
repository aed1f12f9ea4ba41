import { ILogger } from '@rocket.chat/apps-engine/definition/accessors';
import { ISetting } from '@rocket.chat/apps-engine/definition/settings';
import { ISettingUpdateContext } from '@rocket.chat/apps-engine/definition/settings/ISettingUpdateContext';

import { describeError } from '../lib/errors';
import { parseCallingCode } from '../lib/freeside/recipient';
import { parseTemplates } from '../lib/freeside/templates';
import { log } from '../lib/log';
import { parseProperties } from '../lib/providers/providerSetup';
import { parseTemplate } from '../lib/providers/template';
import { parseMessageSources } from '../lib/sources/MessageSource';
import { parseMessageTags } from '../lib/sources/tags';
import { httpUrlProblem } from '../lib/url';
import { SettingId } from '../settings/SettingId';

/** What is wrong with a setting's new (non-empty, trimmed) value, or undefined when it may be kept. */
type Check = (value: string) => string | undefined;

const url = (name: string): Check => (value) => {
    const problem = httpUrlProblem(value);
    return problem && `${name} ${problem}`;
};

/** A JSON setting is kept if its parser reads it; the problem names the offending key, never a value (some hold keys). */
const readable = (parse: (text: string) => unknown, name?: string): Check => (value) => {
    try {
        parse(value);
        return undefined;
    } catch (error) {
        return name ? `${name} cannot be used: ${describeError(error)}` : describeError(error);
    }
};

const checks: Partial<Record<string, Check>> = {
    [SettingId.CallbackUrl]: url('the RapidPro callback URL'),
    [SettingId.GatewayUrl]: url('the MessageGate URL'),
    [SettingId.ProviderTemplate]: readable(parseTemplate),
    [SettingId.ProviderProperties]: readable(parseProperties),
    [SettingId.MessageSources]: readable(parseMessageSources, 'Message sources'),
    [SettingId.MessageTags]: readable(parseMessageTags, 'Message tags'),
    [SettingId.FreesideTemplates]: readable(parseTemplates, 'Freeside templates'),
    [SettingId.FreesideDefaultCountry]: (value) => (parseCallingCode(value) ? undefined : `the default country calling code must be 1 to 3 digits, e.g. 1 or +55, not "${value}"`),
};

/**
 * An admin's edit is kept only if it can be used: URLs (RapidPro callback, MessageGate) empty or http(s)
 * without credentials; JSON settings (the provider template and its property values, message sources,
 * tags, Freeside templates) that read without a problem. Otherwise the previous value stays and the app
 * logs name the problem.
 */
export function keepValidSettings({ oldSetting, newSetting }: ISettingUpdateContext, logger: ILogger): ISetting {
    const check = checks[newSetting.id];
    const value = typeof newSetting.value === 'string' ? newSetting.value.trim() : '';
    const problem = check && value ? check(value) : undefined;
    if (problem) {
        logger.error(log.settingRefused(newSetting.id, problem));
        return oldSetting;
    }
    return newSetting;
}
