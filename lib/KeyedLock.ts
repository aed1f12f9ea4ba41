/**
 * Runs work for the same key one at a time, in arrival order. Rocket.Chat runs endpoint calls and event
 * handlers concurrently and app persistence has no unique index, so check-then-create sequences (one open
 * room per visitor, one drain of a room's outbox) are serialised here, within this app instance.
 */
export class KeyedLock {
    private readonly tails = new Map<string, Promise<void>>();

    public async run<T>(key: string, work: () => Promise<T>): Promise<T> {
        const previous = this.tails.get(key) || Promise.resolve();
        let release: () => void = () => undefined;
        const turn = new Promise<void>((resolve) => (release = resolve));
        const tail = previous.then(() => turn);
        this.tails.set(key, tail);
        await previous;
        try {
            return await work();
        } finally {
            release();
            if (this.tails.get(key) === tail) {
                this.tails.delete(key);
            }
        }
    }
}
