import { AppContext } from '../AppContext';
import { describeError } from '../errors';
import { log } from '../log';
import { tellAgents } from '../notes/RoomNotes';
import { RecordStore, tag } from '../persistence/RecordStore';
import { isPastDeadline, retryDelaySeconds } from './backoff';
import { DeliveryOutcome, OutboxItem } from './OutboxItem';
import { deliver } from './transports';

export const OUTBOX_PROCESSOR = 'outbox-attempt';
export const OUTBOX_SWEEP_PROCESSOR = 'outbox-sweep';

/**
 * A scheduled attempt: of one waiting item (`itemId` at `attempts`), or of whatever is due in the room, with
 * the count of attempt jobs of the room that failed in a row.
 */
export interface OutboxJob {
    roomId: string;
    itemId?: string;
    attempts?: number;
    failures?: number;
}

/**
 * What starts a drain. `event`: something was just queued, so due items go. `job`: the scheduled attempt of a
 * waiting item, which goes whatever the clock says (the scheduler is the clock), while a stale job does
 * nothing early. `sweep`: the periodic rescue of items whose job was lost.
 */
export type DrainTrigger = { kind: 'event' } | ({ kind: 'job' } & Partial<Pick<OutboxJob, 'itemId' | 'attempts'>>) | { kind: 'sweep' };

export type NewOutboxItem = Pick<OutboxItem, 'id' | 'roomId' | 'happenedAt' | 'arrival' | 'failureNote' | 'heldNote' | 'delivery'> & { closesRoom?: boolean };

/** How long a close waits, so replies whose handlers are still running (they run concurrently) go first. */
export const CLOSE_HOLD_SECONDS = 5;
/** How late an item must be before the sweep takes it as stranded. */
export const SWEEP_GRACE_MS = 60 * 1000;
/** After this many failed attempts of a reply the agents are told their replies are being kept. */
export const HELD_NOTICE_AFTER_ATTEMPTS = 3;
/** How long one drain may send for: the Deno runtime gives a call 30 s; the rest goes in a follow-up job. */
export const DRAIN_BUDGET_MS = 20 * 1000;

const itemById = (id: string) => [tag(`outbox-item:${id}`)];
const itemsOfRoom = (roomId: string) => [tag(`outbox-room:${roomId}`)];
const allItems = [tag('outbox')];
// The exact list every item is written with (updates match it exactly).
const associationsOf = (item: Pick<OutboxItem, 'id' | 'roomId'>) => [...itemById(item.id), ...itemsOfRoom(item.roomId), ...allItems];

const inDeliveryOrder = (a: OutboxItem, b: OutboxItem): number =>
    a.happenedAt - b.happenedAt ||
    Number(a.closesRoom) - Number(b.closesRoom) ||
    (a.arrival ?? Infinity) - (b.arrival ?? Infinity) ||
    String(a.createdAt).localeCompare(String(b.createdAt)) ||
    (a.id < b.id ? -1 : 1);

/**
 * Every outbound effect goes through here: persisted first, attempted at once, retried with back-off by a
 * scheduled job on a retryable failure, removed once delivered, and reported to the agents in the room when
 * it fails for good. A room's items leave one at a time and in order: an item waiting for its retry holds
 * back the ones after it.
 */
export class Outbox {
    private readonly records: RecordStore;

    constructor(private readonly context: AppContext, private readonly now: () => number = Date.now) {
        this.records = new RecordStore(context.read.getPersistenceReader(), context.persistence);
    }

    /** Queues an item unless one with the same id is queued already. */
    public async enqueue({ closesRoom = false, ...fields }: NewOutboxItem): Promise<void> {
        await this.context.locks.run(lockKey(fields.roomId), async () => {
            if (await this.records.findOne(itemById(fields.id))) {
                return;
            }
            const item: OutboxItem = { ...fields, closesRoom, createdAt: new Date(this.now()).toISOString(), attempts: 0 };
            if (closesRoom) {
                item.nextAttemptAt = new Date(this.now() + CLOSE_HOLD_SECONDS * 1000).toISOString();
            }
            await this.records.write(associationsOf(item), item);
            if (item.nextAttemptAt) {
                await this.scheduleAttempt(item);
            }
        });
    }

    /** Attempts the room's items in order, as long as the one at the head may go now (see DrainTrigger). */
    public async drain(roomId: string, trigger: DrainTrigger): Promise<void> {
        await this.context.locks.run(lockKey(roomId), async () => {
            const started = this.now();
            let current = trigger;
            const queue = await this.queued(roomId);
            for (const item of queue) {
                if (!this.mayAttempt(item, current)) {
                    if (current.kind === 'job') {
                        await this.deferJob(current, queue, item);
                    }
                    return;
                }
                if (current.kind === 'event' && this.now() - started > DRAIN_BUDGET_MS) {
                    await this.scheduleRoomAttempt(roomId, 0);
                    return;
                }
                current = { kind: 'event' };
                const outcome = await this.attempt(item);
                if (outcome.kind === 'delivered') {
                    await this.records.remove(itemById(item.id));
                    this.context.logger.info(log.delivered(item.id, item.attempts + 1));
                    if (outcome.notice) {
                        await tellAgents(this.context, item.roomId, [outcome.notice]);
                    }
                } else if (outcome.kind === 'retry' && !isPastDeadline(item.firstFailedAt, this.now())) {
                    await this.scheduleRetry(item, outcome.reason);
                    return;
                } else {
                    await this.records.remove(itemById(item.id));
                    await this.reportFailure(item, outcome.reason);
                }
            }
        });
    }

    /** Drains every room holding items that are overdue (their scheduled attempt never came), each on its own. */
    public async sweep(): Promise<void> {
        const items = await this.records.find<OutboxItem>(allItems);
        const rooms = new Set(items.filter((item) => this.isOverdue(item)).map((item) => item.roomId));
        for (const roomId of rooms) {
            try {
                await this.drain(roomId, { kind: 'sweep' });
            } catch (error) {
                this.context.logger.error(log.sweepFailed(roomId, describeError(error)));
            }
        }
    }

    /** Schedules an attempt of whatever is due in the room, in that many seconds. */
    public async scheduleRoomAttempt(roomId: string, seconds: number, failures?: number): Promise<void> {
        const job: OutboxJob = failures ? { roomId, failures } : { roomId };
        await this.scheduleJob(job, new Date(this.now() + seconds * 1000).toISOString());
    }

    private mayAttempt(item: OutboxItem, trigger: DrainTrigger): boolean {
        if (trigger.kind === 'sweep') {
            return this.isOverdue(item);
        }
        if (trigger.kind === 'job' && trigger.itemId === item.id && trigger.attempts === item.attempts) {
            return true;
        }
        return !item.nextAttemptAt || Date.parse(item.nextAttemptAt) <= this.now();
    }

    /**
     * A job for an item queued behind one still waiting keeps that item's turn: it comes back when the waiting
     * one is due, so every waiting item always has its job. A job for an item that is gone (or was retried
     * since) is stale and ends here.
     */
    private async deferJob(job: Extract<DrainTrigger, { kind: 'job' }>, queue: Array<OutboxItem>, head: OutboxItem): Promise<void> {
        const own = queue.find((item) => item.id === job.itemId && item.attempts === job.attempts);
        if (own) {
            const when = Math.max(Date.parse(head.nextAttemptAt as string), this.now()) + 1000;
            await this.scheduleJob({ roomId: own.roomId, itemId: own.id, attempts: own.attempts }, new Date(when).toISOString());
        }
    }

    private isOverdue(item: OutboxItem): boolean {
        const expected = item.nextAttemptAt ? Date.parse(item.nextAttemptAt) : Date.parse(item.createdAt);
        return expected + SWEEP_GRACE_MS <= this.now();
    }

    private async queued(roomId: string): Promise<Array<OutboxItem>> {
        return (await this.records.find<OutboxItem>(itemsOfRoom(roomId))).sort(inDeliveryOrder);
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
        const waiting: OutboxItem = {
            ...item,
            attempts,
            lastError: reason,
            firstFailedAt: item.firstFailedAt || new Date(this.now()).toISOString(),
            nextAttemptAt: new Date(this.now() + seconds * 1000).toISOString(),
        };
        await this.records.write(associationsOf(waiting), waiting);
        await this.scheduleAttempt(waiting);
        this.context.logger.warn(log.deliveryRetry(item.id, attempts, seconds, reason));
        if (attempts === HELD_NOTICE_AFTER_ATTEMPTS && item.heldNote) {
            // Long enough to be an outage, not a hiccup: the agents know their replies are kept, not lost.
            await tellAgents(this.context, item.roomId, [{ key: item.heldNote, values: { reason } }]);
        }
    }

    private async scheduleAttempt(item: OutboxItem): Promise<void> {
        await this.scheduleJob({ roomId: item.roomId, itemId: item.id, attempts: item.attempts }, item.nextAttemptAt as string);
    }

    private async scheduleJob(job: OutboxJob, when: string): Promise<void> {
        // An ISO date: Rocket.Chat's scheduler takes any text `new Date()` reads as that date.
        await this.context.modify.getScheduler().scheduleOnce({ id: OUTBOX_PROCESSOR, when, data: job });
    }

    private async reportFailure(item: OutboxItem, reason: string): Promise<void> {
        this.context.logger.error(log.deliveryFailed(item.id, item.attempts + 1, reason));
        const { key, values } = item.failureNote;
        await tellAgents(this.context, item.roomId, [{ key, values: { ...values, reason } }]);
    }
}

const lockKey = (roomId: string): string => `outbox:${roomId}`;
