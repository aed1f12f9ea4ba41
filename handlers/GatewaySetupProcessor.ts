import { IHttp, ILogger, IModify, IRead } from '@rocket.chat/apps-engine/definition/accessors';
import { IJobContext, IProcessor, StartupType } from '@rocket.chat/apps-engine/definition/scheduler';

import { AppServices } from '../lib/AppContext';
import { describeError } from '../lib/errors';
import { log } from '../lib/log';
import { registerGatewayWebhooks } from '../lib/messagegate/webhookRegistration';
import { jobLogger } from './jobLogger';

export const GATEWAY_SETUP_PROCESSOR = 'messagegate-setup';
export const GATEWAY_REFRESH_PROCESSOR = 'messagegate-refresh';

const MAX_ATTEMPTS = 8;

/**
 * Registers the app's webhooks at the gateway, as a job (the app is enabled or its gateway settings change):
 * the phone may be off for a while, so failures are retried at 30 s, 1 min, 2 min … about an hour.
 */
export class GatewaySetupProcessor implements IProcessor {
    public readonly id = GATEWAY_SETUP_PROCESSOR;
    public readonly processor: IProcessor['processor'];

    constructor(services: (logger?: ILogger) => AppServices) {
        this.processor = async function (this: unknown, job: IJobContext, read: IRead, modify: IModify, http: IHttp) {
            const { logger, appId } = services(jobLogger(this));
            const attempt = (Number(job.attempt) || 0) + 1;
            try {
                await registerGatewayWebhooks({ read, http, logger, appId });
            } catch (error) {
                const seconds = attempt < MAX_ATTEMPTS ? 30 * 2 ** (attempt - 1) : undefined;
                logger.error(log.gatewaySetupFailed(attempt, seconds, describeError(error)));
                if (seconds !== undefined) {
                    const when = new Date(Date.now() + seconds * 1000).toISOString();
                    await modify
                        .getScheduler()
                        .scheduleOnce({ id: GATEWAY_SETUP_PROCESSOR, when, data: { attempt } })
                        .catch((reason) => logger.error(log.gatewaySetupFailed(attempt, undefined, describeError(reason))));
                }
            }
        };
    }
}

/**
 * Every 30 minutes the webhooks are registered again (an upsert: nothing changes when they are in place). The
 * phone only posts to webhooks it has, so ones lost while it was away, reset on the phone, or removed while
 * the app was being updated (an update disables the old version) come back by themselves.
 */
export class GatewayRefreshProcessor implements IProcessor {
    public readonly id = GATEWAY_REFRESH_PROCESSOR;
    public readonly startupSetting = { type: StartupType.RECURRING as const, interval: '30 minutes' };
    public readonly processor: IProcessor['processor'];

    constructor(services: (logger?: ILogger) => AppServices) {
        this.processor = async function (this: unknown, _job: IJobContext, read: IRead, _modify: IModify, http: IHttp) {
            const { logger, appId } = services(jobLogger(this));
            try {
                await registerGatewayWebhooks({ read, http, logger, appId });
            } catch (error) {
                logger.error(log.gatewayRefreshFailed(describeError(error)));
            }
        };
    }
}
