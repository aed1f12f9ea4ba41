import { KeyedLock } from '../../lib/KeyedLock';

const tick = () => new Promise((resolve) => setImmediate(resolve));

/** Work that records when it starts and ends, yielding in between. */
const recorder = (events: Array<string>) => (name: string) => async () => {
    events.push(`${name} start`);
    await tick();
    events.push(`${name} end`);
    return name;
};

describe('KeyedLock', () => {
    it('runs work for one key one at a time, in arrival order', async () => {
        const lock = new KeyedLock();
        const events: Array<string> = [];
        const work = recorder(events);
        const results = await Promise.all([lock.run('a', work('first')), lock.run('a', work('second')), lock.run('a', work('third'))]);
        expect(results).toEqual(['first', 'second', 'third']);
        expect(events).toEqual(['first start', 'first end', 'second start', 'second end', 'third start', 'third end']);
    });

    it('lets different keys run side by side', async () => {
        const lock = new KeyedLock();
        const events: Array<string> = [];
        const work = recorder(events);
        await Promise.all([lock.run('a', work('a')), lock.run('b', work('b'))]);
        expect(events.slice(0, 2)).toEqual(['a start', 'b start']);
    });

    it('releases the key when the work fails', async () => {
        const lock = new KeyedLock();
        await expect(lock.run('a', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
        await expect(lock.run('a', async () => 'next')).resolves.toBe('next');
    });
});
