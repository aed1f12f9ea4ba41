import { IHttp, ILogger, IModify, IPersistence, IRead } from '@rocket.chat/apps-engine/definition/accessors';
import { IJobContext, IProcessor, StartupType } from '@rocket.chat/apps-engine/definition/scheduler';

import { appContext, AppServices } from '../lib/AppContext';
import { describeError } from '../lib/errors';
import { log } from '../lib/log';
import { Outbox, OUTBOX_PROCESSOR, OUTBOX_SWEEP_PROCESSOR } from '../lib/outbox/Outbox';
import { jobLogger } from './jobLogger';

type Services = (logger?: ILogger) => AppServices;
type Processor = IProcessor['processor'];

const RETRY_AFTER_JOB_FAILURE_SECONDS = 60;
const MAX_JOB_FAILURES = 10;

/** A scheduled attempt of a room's outbox: a retry, or the release of a held close (lib/outbox/Outbox.ts). */
export class OutboxAttemptProcessor implements IProcessor {
    public readonly id = OUTBOX_PROCESSOR;
    public readonly processor: Processor;

    constructor(services: Services) {
        this.processor = async function (this: unknown, job: IJobContext, read: IRead, modify: IModify, http: IHttp, persistence: IPersistence) {
            const roomId = typeof job.roomId === 'string' ? job.roomId : '';
            if (!roomId) {
                return;
            }
            const context = appContext(read, modify, http, persistence, services(jobLogger(this)));
            const outbox = new Outbox(context);
            try {
                await outbox.drain(roomId, { kind: 'job', itemId: job.itemId, attempts: job.attempts });
            } catch (error) {
                // A job that throws is never run again: try the room again a minute later, a few times; after
                // that the recurring sweep keeps trying. Nothing here may throw into the engine.
                const failures = (Number(job.failures) || 0) + 1;
                if (failures >= MAX_JOB_FAILURES) {
                    context.logger.error(log.attemptJobGaveUp(roomId, failures, describeError(error)));
                    return;
                }
                context.logger.error(log.attemptJobFailed(roomId, RETRY_AFTER_JOB_FAILURE_SECONDS, describeError(error)));
                await outbox.scheduleRoomAttempt(roomId, RETRY_AFTER_JOB_FAILURE_SECONDS, failures).catch((reason) => {
                    context.logger.error(log.attemptJobFailed(roomId, RETRY_AFTER_JOB_FAILURE_SECONDS, describeError(reason)));
                });
            }
        };
    }
}

/** Every five minutes, the outbox items whose scheduled attempt never ran (a lost job) are attempted. */
export class OutboxSweepProcessor implements IProcessor {
    public readonly id = OUTBOX_SWEEP_PROCESSOR;
    public readonly startupSetting = { type: StartupType.RECURRING as const, interval: '5 minutes' };
    public readonly processor: Processor;

    constructor(services: Services) {
        this.processor = async function (this: unknown, job: IJobContext, read: IRead, modify: IModify, http: IHttp, persistence: IPersistence) {
            const context = appContext(read, modify, http, persistence, services(jobLogger(this)));
            try {
                await new Outbox(context).sweep();
            } catch (error) {
                context.logger.error(log.sweepFailed(undefined, describeError(error)));
            }
        };
    }
}
