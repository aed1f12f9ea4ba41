import { IRead } from '@rocket.chat/apps-engine/definition/accessors';

import { SettingsReader } from '../../settings/SettingsReader';
import { providerSetup } from '../providers/providerSetup';
import { SmsRoute } from '../tickets/Ticket';

/**
 * The way a conversation an agent starts (/sms) replies: the Default SMS route setting when that way is set
 * up, else whichever is; undefined when neither MessageGate nor a usable provider template is.
 */
export async function defaultRoute(read: IRead): Promise<SmsRoute | undefined> {
    const settings = new SettingsReader(read);
    const [preferred, gateway, provider] = await Promise.all([settings.defaultSmsRoute(), settings.gateway(), providerSetup(read).catch(() => undefined)]);
    const viaGateway: SmsRoute | undefined = gateway ? { via: 'messagegate' } : undefined;
    const viaProvider: SmsRoute | undefined = provider ? { via: 'provider', provider: provider.template.name } : undefined;
    return preferred === 'provider' ? viaProvider || viaGateway : viaGateway || viaProvider;
}
