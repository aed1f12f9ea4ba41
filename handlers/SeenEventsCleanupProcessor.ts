import { IHttp, ILogger, IModify, IPersistence, IRead } from '@rocket.chat/apps-engine/definition/accessors';
import { IJobContext, IProcessor, StartupType } from '@rocket.chat/apps-engine/definition/scheduler';

import { AppServices } from '../lib/AppContext';
import { describeError } from '../lib/errors';
import { log } from '../lib/log';
import { SeenEvents } from '../lib/sms/SeenEvents';
import { jobLogger } from './jobLogger';

export const SEEN_EVENTS_CLEANUP_PROCESSOR = 'seen-events-cleanup';

/** Every six hours, the inbound events older than the gateway's retry window are forgotten. */
export class SeenEventsCleanupProcessor implements IProcessor {
    public readonly id = SEEN_EVENTS_CLEANUP_PROCESSOR;
    public readonly startupSetting = { type: StartupType.RECURRING as const, interval: '6 hours' };
    public readonly processor: IProcessor['processor'];

    constructor(services: (logger?: ILogger) => AppServices) {
        this.processor = async function (this: unknown, _job: IJobContext, read: IRead, _modify: IModify, _http: IHttp, persistence: IPersistence) {
            try {
                await new SeenEvents({ read, persistence }).forgetOld();
            } catch (error) {
                services(jobLogger(this)).logger.error(log.handlerFailed(SEEN_EVENTS_CLEANUP_PROCESSOR, describeError(error)));
            }
        };
    }
}
