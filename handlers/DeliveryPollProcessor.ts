import { IHttp, ILogger, IModify, IPersistence, IRead } from '@rocket.chat/apps-engine/definition/accessors';
import { IJobContext, IProcessor } from '@rocket.chat/apps-engine/definition/scheduler';

import { appContext, AppServices } from '../lib/AppContext';
import { describeError } from '../lib/errors';
import { log } from '../lib/log';
import { DELIVERY_POLL_PROCESSOR, pollDelivery, scheduleDeliveryPoll } from '../lib/sms/deliveryPolling';
import { jobLogger } from './jobLogger';

/** Polls the gateway for an SMS whose final delivery state has not come by webhook (lib/sms/deliveryPolling.ts). */
export class DeliveryPollProcessor implements IProcessor {
    public readonly id = DELIVERY_POLL_PROCESSOR;
    public readonly processor: IProcessor['processor'];

    constructor(services: (logger?: ILogger) => AppServices) {
        this.processor = async function (this: unknown, job: IJobContext, read: IRead, modify: IModify, http: IHttp, persistence: IPersistence) {
            const context = appContext(read, modify, http, persistence, services(jobLogger(this)));
            const messageId = typeof job.messageId === 'string' ? job.messageId : '';
            const poll = Number(job.poll) || 0;
            if (!messageId) {
                return;
            }
            try {
                await pollDelivery(context, { messageId, poll });
            } catch (error) {
                // A job that throws is never run again: the next poll keeps the SMS watched.
                context.logger.error(log.handlerFailed(DELIVERY_POLL_PROCESSOR, describeError(error)));
                await scheduleDeliveryPoll(context, messageId, poll + 1).catch(() => undefined);
            }
        };
    }
}
