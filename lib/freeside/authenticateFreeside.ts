import { IApiRequest } from '@rocket.chat/apps-engine/definition/api';

import { SettingsReader } from '../../settings/SettingsReader';
import { basicCredentials, credentialsMatch } from '../basicAuth';
import { unauthorized } from '../errors';

/**
 * Freeside's Basic auth, always: Prepare signs whatever it is given and Send sends it from the organisation's
 * phone, so without a login the two would let anyone text anyone. Until both halves are set, both refuse.
 */
export async function authenticateFreeside(request: IApiRequest, settings: SettingsReader): Promise<void> {
    const expected = await settings.freesideLogin();
    if (!expected) {
        throw unauthorized('Freeside is not set up in Tickets: set both the Freeside HTTP username and password in the app settings');
    }
    const presented = basicCredentials(request.headers);
    if (!presented) {
        throw unauthorized('Freeside must log in with Basic authentication: set the HTTP username and password of the external message interface');
    }
    if (!credentialsMatch(presented, expected)) {
        throw unauthorized('Invalid Freeside username or password');
    }
}
