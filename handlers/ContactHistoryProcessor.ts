import { IHttp, ILogger, IModify, IPersistence, IRead } from '@rocket.chat/apps-engine/definition/accessors';
import { IJobContext, IProcessor } from '@rocket.chat/apps-engine/definition/scheduler';

import { appContext, AppServices } from '../lib/AppContext';
import { describeError } from '../lib/errors';
import { log } from '../lib/log';
import { CONTACT_HISTORY_PROCESSOR, ContactHistoryJob, showContactHistory } from '../lib/tickets/contactHistory';
import { jobLogger } from './jobLogger';

/** Shows a new room's agents the contact's conversation with RapidPro before the handover (lib/tickets/contactHistory.ts). */
export class ContactHistoryProcessor implements IProcessor {
    public readonly id = CONTACT_HISTORY_PROCESSOR;
    public readonly processor: IProcessor['processor'];

    constructor(services: (logger?: ILogger) => AppServices) {
        this.processor = async function (this: unknown, job: IJobContext, read: IRead, modify: IModify, http: IHttp, persistence: IPersistence) {
            const context = appContext(read, modify, http, persistence, services(jobLogger(this)));
            try {
                await showContactHistory(context, job as ContactHistoryJob);
            } catch (error) {
                context.logger.error(log.historyFailed(String(job.roomId), describeError(error)));
            }
        };
    }
}
