import { IApiRequest } from '@rocket.chat/apps-engine/definition/api';

import { SettingsReader } from '../../settings/SettingsReader';
import { basicCredentials, credentialsMatch } from '../basicAuth';
import { unauthorized } from '../errors';

/** Freeside's optional Basic auth: required once a Freeside username or password is set in the app settings. */
export async function authenticateFreeside(request: IApiRequest, settings: SettingsReader): Promise<void> {
    const expected = await settings.freesideLogin();
    if (!expected) {
        return;
    }
    const presented = basicCredentials(request.headers);
    if (!presented) {
        throw unauthorized('Freeside must log in with Basic authentication: set the HTTP username and password of the external message interface');
    }
    if (!credentialsMatch(presented, expected)) {
        throw unauthorized('Invalid Freeside username or password');
    }
}
