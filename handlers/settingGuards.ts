import { ILogger } from '@rocket.chat/apps-engine/definition/accessors';
import { ISetting } from '@rocket.chat/apps-engine/definition/settings';
import { ISettingUpdateContext } from '@rocket.chat/apps-engine/definition/settings/ISettingUpdateContext';

import { log } from '../lib/log';
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
