import { IHttp, IModify, IPersistence, IRead } from '@rocket.chat/apps-engine/definition/accessors';
import { IJobContext, IProcessor } from '@rocket.chat/apps-engine/definition/scheduler';

import { AppContext } from '../lib/AppContext';
import { Outbox, OUTBOX_RETRY_PROCESSOR } from '../lib/outbox/Outbox';

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
        await new Outbox({ read, modify, http, persistence, ...this.services() }).drain(roomId, 'retry');
    };
}
