import { IApiRequest } from '@rocket.chat/apps-engine/definition/api';

import { SettingsReader } from '../../settings/SettingsReader';
import { basicCredentials, credentialsMatch } from '../basicAuth';
import { forbidden } from '../errors';
import { entriesOrNone } from '../jsonSetting';
import { MessageSource, parseMessageSources } from './MessageSource';

/**
 * The message source a request logs in as (Basic auth), as Message Manager's `message-sources` users do;
 * 403 otherwise, as the seed says. Every source is compared, so the time taken tells nothing about which
 * usernames exist.
 */
export async function authenticateSource(request: IApiRequest, settings: SettingsReader): Promise<MessageSource> {
    const sources = entriesOrNone(await settings.messageSourcesJson(), parseMessageSources);
    if (!sources.length) {
        throw forbidden('No message source is configured in the Tickets app settings (Message sources)');
    }
    const presented = basicCredentials(request.headers);
    if (!presented) {
        throw forbidden('A message source must log in with Basic authentication (the username and password of its source)');
    }
    const matching = sources.filter((source) => credentialsMatch(presented, source));
    if (matching.length !== 1) {
        throw forbidden('Invalid message source username or password');
    }
    return matching[0];
}
