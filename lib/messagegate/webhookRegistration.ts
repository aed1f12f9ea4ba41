import { IHttp, IRead } from '@rocket.chat/apps-engine/definition/accessors';

import { SettingId } from '../../settings/SettingId';
import { SettingsReader } from '../../settings/SettingsReader';
import { AppServices } from '../AppContext';
import { log } from '../log';
import { GatewayClient } from './GatewayClient';

/** The webhook endpoint's path below the app's public API (`/api/apps/public/<app id>/`). */
export const MESSAGEGATE_WEBHOOK_PATH = 'messagegate/webhook';

/** Every event the app handles; each is its own webhook at the gateway (one event per webhook). */
export const HANDLED_EVENTS = ['sms:received', 'mms:received', 'mms:downloaded', 'sms:sent', 'sms:delivered', 'sms:failed', 'sms:cancelled'];

/** Stable per app installation, so registering again replaces (the gateway upserts by id) instead of adding. */
export const webhookIdOf = (appId: string, event: string): string => `tickets-${appId.slice(0, 8)}-${event.replace(':', '-')}`;

/** Settings that change where or how the gateway is reached: a change registers the webhooks again. */
export const GATEWAY_SETTINGS: Array<string> = [SettingId.GatewayUrl, SettingId.GatewayUsername, SettingId.GatewayPassword, SettingId.SigningKey];

type Context = Pick<AppServices, 'logger' | 'appId'> & { read: IRead; http: IHttp };

/**
 * Points the gateway's webhooks at this app (Site URL + the endpoint's public path), after checking its
 * health. Returns without registering, and says why in the log, while the settings are incomplete; throws
 * when the gateway does not take them (the caller retries).
 */
export async function registerGatewayWebhooks(context: Context): Promise<void> {
    const settings = new SettingsReader(context.read);
    const [gateway, siteUrl, signingKey] = await Promise.all([settings.gateway(), settings.siteUrl(), settings.signingKey()]);
    if (!gateway || !siteUrl || !signingKey) {
        const missing = !gateway
            ? 'the MessageGate URL, username and password are not all set'
            : !siteUrl
              ? "Rocket.Chat's Site URL is not set (Administration > Settings > General)"
              : 'the webhook signing key is not set, so every webhook would be refused';
        context.logger.info(log.gatewaySetupSkipped(missing));
        return;
    }
    const client = new GatewayClient(context.http, gateway);
    const health = await client.health();
    if (health.status === 'pass' || health.status === 'warn') {
        context.logger.info(log.gatewayHealth(health.status, 'version' in health && health.version ? health.version : ''));
    } else {
        context.logger.error(log.gatewayUnhealthy(health.status, 'reason' in health ? health.reason : 'see the phone'));
    }
    const url = `${siteUrl}/api/apps/public/${context.appId}/${MESSAGEGATE_WEBHOOK_PATH}`;
    for (const event of HANDLED_EVENTS) {
        await client.registerWebhook(webhookIdOf(context.appId, event), url, event);
    }
    context.logger.info(log.webhooksRegistered(url, HANDLED_EVENTS));
}

/** Removes the app's webhooks from the gateway (the app is being disabled); throws when it cannot. */
export async function removeGatewayWebhooks(context: Context): Promise<void> {
    const gateway = await new SettingsReader(context.read).gateway();
    if (!gateway) {
        return;
    }
    const client = new GatewayClient(context.http, gateway);
    for (const event of HANDLED_EVENTS) {
        await client.deleteWebhook(webhookIdOf(context.appId, event));
    }
    context.logger.info(log.webhooksRemoved(HANDLED_EVENTS.length));
}
