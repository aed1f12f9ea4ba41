import { RocketChatAssociationModel, RocketChatAssociationRecord } from '@rocket.chat/apps-engine/definition/metadata';

import { AppContext } from '../AppContext';
import { describeError } from '../errors';
import { log } from '../log';
import { postRoomNote } from '../notes/RoomNotes';
import { isPastDeadline, retryDelaySeconds } from './backoff';
import { DeliveryOutcome, OutboxItem } from './OutboxItem';
import { deliver } from './transports';

export const OUTBOX_RETRY_PROCESSOR = 'outbox-retry';

export interface OutboxRetryJob {
    roomId: string;
}

const itemsOfRoom = (roomId: string) => [new RocketChatAssociationRecord(RocketChatAssociationModel.MISC, `outbox-room:${roomId}`)];
const itemById = (id: string) => [new RocketChatAssociationRecord(RocketChatAssociationModel.MISC, `outbox-item:${id}`)];

export interface NewOutboxItem extends Pick<OutboxItem, 'id' | 'roomId' | 'failureNote' | 'delivery'> {
    /** When its cause happened in Rocket.Chat (ms): a room's items leave in this order, not in queueing order. */
    happenedAt: number;
    /**
     * The room's last item (a close): held back for a few seconds, so that items caused before it but queued
     * after it (event handlers run concurrently) still leave first, and after anything of the same millisecond.
     */
    closesRoom?: boolean;
}

const CLOSE_HOLD_SECONDS = 5;

// Items of the same millisecond keep their queueing order, and a close comes after all of them.
let sequenceCounter = 0;
const sequenceOf = (happenedAt: number, closesRoom: boolean): number => happenedAt * 1000 + (closesRoom ? 999 : sequenceCounter++ % 999);

/**
 * Every outbound effect goes through here: persisted first, attempted at once, retried with back-off by a
 * scheduled job on a retryable failure, removed once delivered, and reported to the agents in the room when
 * it fails for good. A room's items leave one at a time and in order: an item waiting for a retry holds
 * back the ones queued after it.
 */
export class Outbox {
    constructor(private readonly context: AppContext) {}

    /** Queues an item unless one with the same id is already queued; false when it was. */
    public async enqueue({ happenedAt, closesRoom = false, ...item }: NewOutboxItem): Promise<boolean> {
        return this.context.locks.run(lockKey(item.roomId), async () => {
            const existing = await this.context.read.getPersistenceReader().readByAssociations(itemById(item.id));
            if (existing.length) {
                return false;
            }
            const queued: OutboxItem = { ...item, sequence: sequenceOf(happenedAt, closesRoom), createdAt: new Date().toISOString(), attempts: 0 };
            if (closesRoom) {
                queued.nextAttemptAt = new Date(Date.now() + CLOSE_HOLD_SECONDS * 1000).toISOString();
            }
            await this.context.persistence.createWithAssociations(queued, [...itemById(item.id), ...itemsOfRoom(item.roomId)]);
            if (closesRoom) {
                await this.scheduleDrain(item.roomId, CLOSE_HOLD_SECONDS);
            }
            return true;
        });
    }

    /**
     * Attempts the room's items in order. `event` runs (right after something was queued) leave an item
     * that waits for its retry alone; `retry` runs (the scheduled job) attempt it.
     */
    public async drain(roomId: string, trigger: 'event' | 'retry'): Promise<void> {
        await this.context.locks.run(lockKey(roomId), async () => {
            for (const item of await this.queued(roomId)) {
                if (trigger === 'event' && item.nextAttemptAt && Date.parse(item.nextAttemptAt) > Date.now()) {
                    return;
                }
                const outcome = await this.attempt(item);
                if (outcome.kind === 'delivered') {
                    await this.remove(item);
                    this.context.logger.info(log.delivered(item.id, item.attempts + 1));
                } else if (outcome.kind === 'retry' && !isPastDeadline(item.createdAt, Date.now())) {
                    await this.scheduleRetry(item, outcome.reason);
                    return;
                } else {
                    await this.remove(item);
                    await this.reportFailure(item, outcome.reason);
                }
            }
        });
    }

    private async queued(roomId: string): Promise<Array<OutboxItem>> {
        const items = (await this.context.read.getPersistenceReader().readByAssociations(itemsOfRoom(roomId))) as Array<OutboxItem>;
        return items.sort((a, b) => a.sequence - b.sequence || (a.id < b.id ? -1 : 1));
    }

    private async attempt(item: OutboxItem): Promise<DeliveryOutcome> {
        try {
            return await deliver(item.delivery, this.context);
        } catch (error) {
            return { kind: 'retry', reason: describeError(error) };
        }
    }

    private async scheduleRetry(item: OutboxItem, reason: string): Promise<void> {
        const attempts = item.attempts + 1;
        const seconds = retryDelaySeconds(attempts);
        const waiting: OutboxItem = { ...item, attempts, lastError: reason, nextAttemptAt: new Date(Date.now() + seconds * 1000).toISOString() };
        await this.context.persistence.updateByAssociations(itemById(item.id), waiting);
        await this.scheduleDrain(item.roomId, seconds);
        this.context.logger.warn(log.deliveryRetry(item.id, attempts, seconds, reason));
    }

    /** Runs drain(roomId, 'retry') in that many seconds, through the Apps-Engine scheduler (jobs survive restarts). */
    public async scheduleDrain(roomId: string, seconds: number): Promise<void> {
        const job: OutboxRetryJob = { roomId };
        // An ISO date: Rocket.Chat's scheduler takes any text `new Date()` reads as that date.
        const when = new Date(Date.now() + seconds * 1000).toISOString();
        await this.context.modify.getScheduler().scheduleOnce({ id: OUTBOX_RETRY_PROCESSOR, when, data: job });
    }

    private async reportFailure(item: OutboxItem, reason: string): Promise<void> {
        this.context.logger.error(log.deliveryFailed(item.id, item.attempts + 1, reason));
        try {
            const { key, values } = item.failureNote;
            await postRoomNote(this.context.read, this.context.modify, item.roomId, [{ key, values: { ...values, reason } }]);
        } catch (error) {
            this.context.logger.error(log.noteFailed(item.roomId, describeError(error)));
        }
    }

    private async remove(item: OutboxItem): Promise<void> {
        await this.context.persistence.removeByAssociations(itemById(item.id));
    }
}

const lockKey = (roomId: string): string => `outbox:${roomId}`;
