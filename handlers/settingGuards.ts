import { ILogger } from '@rocket.chat/apps-engine/definition/accessors';
import { ISetting } from '@rocket.chat/apps-engine/definition/settings';
import { ISettingUpdateContext } from '@rocket.chat/apps-engine/definition/settings/ISettingUpdateContext';

import { describeError } from '../lib/errors';
import { log } from '../lib/log';
import { parseProperties } from '../lib/providers/providerSetup';
import { parseTemplate } from '../lib/providers/template';
import { httpUrlProblem } from '../lib/url';
import { SettingId } from '../settings/SettingId';

const urlSettings: Record<string, string> = {
    [SettingId.CallbackUrl]: 'the RapidPro callback URL',
    [SettingId.GatewayUrl]: 'the MessageGate URL',
};

/** An admin's edit of a URL setting (RapidPro callback, MessageGate) is kept only if it is empty or an http(s) URL without credentials. */
export function keepValidUrls({ oldSetting, newSetting }: ISettingUpdateContext, logger: ILogger): ISetting {
    const name = urlSettings[newSetting.id];
    if (!name) {
        return newSetting;
    }
    const url = typeof newSetting.value === 'string' ? newSetting.value.trim() : '';
    const problem = url ? httpUrlProblem(url) : undefined;
    if (problem) {
        logger.error(log.settingRefused(newSetting.id, `${name} ${problem}`));
        return oldSetting;
    }
    return newSetting;
}

/**
 * An admin's edit of the provider template or its property values is kept only if it can be used; otherwise
 * the previous value stays and the app logs say which key is wrong (never a property value: they hold keys).
 */
export function keepValidProviderSettings({ oldSetting, newSetting }: ISettingUpdateContext, logger: ILogger): ISetting {
    const check = newSetting.id === SettingId.ProviderTemplate ? parseTemplate : newSetting.id === SettingId.ProviderProperties ? parseProperties : undefined;
    const value = typeof newSetting.value === 'string' ? newSetting.value.trim() : '';
    if (!check || !value) {
        return newSetting;
    }
    try {
        check(value);
        return newSetting;
    } catch (error) {
        logger.error(log.settingRefused(newSetting.id, describeError(error)));
        return oldSetting;
    }
}
