import { AppContext } from '../AppContext';
import { RecordStore, tag } from '../persistence/RecordStore';

/** How long an inbound event is remembered: the gateway retries for about 45 hours (5 s × 2ⁿ, 15 times). */
export const SEEN_EVENTS_KEPT_DAYS = 3;

const seen = (key: string) => tag(`seen:${key}`);
const seenOnDay = (day: string) => tag(`seen-day:${day}`);
const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/**
 * The inbound events already in a room, by every key that identifies them (the envelope id, the content),
 * filed by day so a whole day is forgotten in one remove.
 */
export class SeenEvents {
    private readonly records: RecordStore;

    constructor(context: Pick<AppContext, 'read' | 'persistence'>) {
        this.records = new RecordStore(context.read.getPersistenceReader(), context.persistence);
    }

    public async anySeen(keys: Array<string>): Promise<boolean> {
        const found = await Promise.all(keys.map((key) => this.records.findOne([seen(key)])));
        return found.some(Boolean);
    }

    public async remember(keys: Array<string>, nowMs: number = Date.now()): Promise<void> {
        const day = dayOf(nowMs);
        await this.records.write([...keys.map(seen), seenOnDay(day)], { keys, day });
    }

    /** Forgets the days older than the retry window (a week of them, so a missed run is caught up). */
    public async forgetOld(nowMs: number = Date.now()): Promise<void> {
        for (let age = SEEN_EVENTS_KEPT_DAYS + 1; age <= SEEN_EVENTS_KEPT_DAYS + 7; age++) {
            await this.records.remove([seenOnDay(dayOf(nowMs - age * 24 * 60 * 60 * 1000))]);
        }
    }
}
