import { IHttp, IModify, IPersistence, IRead } from '@rocket.chat/apps-engine/definition/accessors';
import { IJobContext, IProcessor } from '@rocket.chat/apps-engine/definition/scheduler';

import { AppContext } from '../lib/AppContext';
import { describeError } from '../lib/errors';
import { log } from '../lib/log';
import { Outbox, OUTBOX_RETRY_PROCESSOR } from '../lib/outbox/Outbox';

const RETRY_AFTER_JOB_FAILURE_SECONDS = 60;

type AppServices = Pick<AppContext, 'locks' | 'logger' | 'appId'>;

/** The scheduled retry of a room's outbox (see lib/outbox/backoff.ts for when it runs). */
export class OutboxRetryProcessor implements IProcessor {
    public readonly id = OUTBOX_RETRY_PROCESSOR;

    constructor(private readonly services: () => AppServices) {}

    public processor = async (job: IJobContext, read: IRead, modify: IModify, http: IHttp, persistence: IPersistence): Promise<void> => {
        const roomId = typeof job.roomId === 'string' ? job.roomId : '';
        if (!roomId) {
            return;
        }
        const services = this.services();
        const outbox = new Outbox({ read, modify, http, persistence, ...services });
        try {
            await outbox.drain(roomId, 'retry');
        } catch (error) {
            // A job that throws is never run again: schedule the next drain so the room's queue cannot stall.
            services.logger.error(log.retryJobFailed(roomId, RETRY_AFTER_JOB_FAILURE_SECONDS, describeError(error)));
            await outbox.scheduleDrain(roomId, RETRY_AFTER_JOB_FAILURE_SECONDS);
        }
    };
}
