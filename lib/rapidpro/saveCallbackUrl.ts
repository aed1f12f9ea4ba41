import { IApp } from '@rocket.chat/apps-engine/definition/IApp';

import { SettingId } from '../../settings/SettingId';
import { SettingsReader } from '../../settings/SettingsReader';
import { AppContext } from '../AppContext';
import { log } from '../log';

const CONFIRM_ATTEMPTS = 50;
const CONFIRM_INTERVAL_MS = 100;

/**
 * Stores RapidPro's callback URL in the app setting admins see. The engine's updateValue returns before the
 * value is stored, so the URL is read back before RapidPro is told 204: an unconfirmed save is a failure.
 */
export async function saveCallbackUrl(app: IApp, context: AppContext, url: string): Promise<void> {
    await app.getAccessors().environmentWriter.getSettings().updateValue(SettingId.CallbackUrl, url);
    const settings = new SettingsReader(context.read);
    for (let attempt = 0; attempt < CONFIRM_ATTEMPTS; attempt++) {
        if ((await settings.callbackUrl()) === url) {
            context.logger.info(log.callbackUrlSaved(url));
            return;
        }
        await new Promise((resolve) => setTimeout(resolve, CONFIRM_INTERVAL_MS));
    }
    throw new Error('the callback URL was not stored in the app settings');
}
