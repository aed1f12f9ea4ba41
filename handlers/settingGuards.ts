import { ILogger } from '@rocket.chat/apps-engine/definition/accessors';
import { ISetting } from '@rocket.chat/apps-engine/definition/settings';
import { ISettingUpdateContext } from '@rocket.chat/apps-engine/definition/settings/ISettingUpdateContext';

import { log } from '../lib/log';
import { httpUrlProblem } from '../lib/url';
import { SettingId } from '../settings/SettingId';

/** An admin's edit of the callback URL is kept only if it is empty or an http(s) URL without credentials. */
export function keepValidCallbackUrl({ oldSetting, newSetting }: ISettingUpdateContext, logger: ILogger): ISetting {
    if (newSetting.id !== SettingId.CallbackUrl) {
        return newSetting;
    }
    const url = typeof newSetting.value === 'string' ? newSetting.value.trim() : '';
    const problem = url ? httpUrlProblem(url) : undefined;
    if (problem) {
        logger.error(log.settingRefused(newSetting.id, `the RapidPro callback URL ${problem}`));
        return oldSetting;
    }
    return newSetting;
}
