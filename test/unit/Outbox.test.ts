import { CLOSE_HOLD_SECONDS, DRAIN_BUDGET_MS, NewOutboxItem, Outbox, SWEEP_GRACE_MS } from '../../lib/outbox/Outbox';
import { fakeContext } from './fakes/accessors';

const T0 = Date.parse('2026-11-23T10:00:00.000Z');

function reply(id: string, happenedAt = T0, arrival?: number): NewOutboxItem {
    return {
        id: `agent-message:${id}`,
        roomId: 'R1',
        happenedAt,
        arrival,
        failureNote: { key: 'replyNotDelivered', values: { summary: id } },
        heldNote: 'repliesHeld',
        delivery: { transport: 'rapidpro-callback', body: { type: 'agent-message', ticketID: 'T', visitor: { token: '1' }, data: { text: id } } },
    };
}

const close = (happenedAt = T0): NewOutboxItem => ({
    id: 'close-room:R1',
    roomId: 'R1',
    happenedAt,
    closesRoom: true,
    failureNote: { key: 'closeNotDelivered', values: {} },
    delivery: { transport: 'rapidpro-callback', body: { type: 'close-room', ticketID: 'T', visitor: { token: '1' } } },
});

function setup({ secondsPerRequest = 0 } = {}) {
    let now = T0;
    const world = fakeContext({}, () => (now += secondsPerRequest * 1000));
    const clock = {
        set: (time: number) => (now = time),
        advance: (ms: number) => (now += ms),
    };
    const outbox = new Outbox(world.context, () => now);
    const sent = () => world.requests.map(({ options }) => (options.data as any).data?.text ?? (options.data as any).type);
    const queued = () => world.persistence.records.map((record) => record.data);
    return { ...world, clock, outbox, sent, queued };
}

describe('Outbox', () => {
    it('delivers at once, with the secret and the timeout, and forgets the item', async () => {
        const { outbox, requests, queued } = setup();
        await outbox.enqueue(reply('hello'));
        await outbox.drain('R1', { kind: 'event' });
        expect(requests).toEqual([
            {
                url: 'https://rapidpro.example.org/cb',
                options: expect.objectContaining({ headers: { 'Authorization': 'Token S3CRET', 'Content-Type': 'application/json' }, timeout: 15000 }),
            },
        ]);
        expect(queued()).toEqual([]);
    });

    it('queues a cause once, however often it is queued', async () => {
        const { outbox, sent } = setup();
        await outbox.enqueue(reply('hello'));
        await outbox.enqueue(reply('hello'));
        await outbox.drain('R1', { kind: 'event' });
        await outbox.drain('R1', { kind: 'event' });
        expect(sent()).toEqual(['hello']);
    });

    it('sends in the order things happened, then of arrival, whatever the order of queueing', async () => {
        const { outbox, sent, clock } = setup();
        await outbox.enqueue(reply('third', T0 + 5));
        await outbox.enqueue(reply('second', T0, 2));
        await outbox.enqueue(reply('first', T0, 1));
        await outbox.enqueue(close(T0 + 5));
        clock.advance(CLOSE_HOLD_SECONDS * 1000);
        await outbox.drain('R1', { kind: 'event' });
        expect(sent()).toEqual(['first', 'second', 'third', 'close-room']);
    });

    it('holds a close back, so replies queued after it still go first', async () => {
        const { outbox, sent, jobs } = setup();
        await outbox.enqueue(close(T0 + 10));
        await outbox.enqueue(reply('last words', T0));
        await outbox.drain('R1', { kind: 'event' });
        expect(sent()).toEqual(['last words']);
        expect(jobs).toEqual([{ id: 'outbox-attempt', when: new Date(T0 + CLOSE_HOLD_SECONDS * 1000).toISOString(), data: { roomId: 'R1', itemId: 'close-room:R1', attempts: 0 } }]);
        await outbox.drain('R1', { kind: 'job', itemId: 'close-room:R1', attempts: 0 });
        expect(sent()).toEqual(['last words', 'close-room']);
    });

    it('retries with back-off through a job for the item, which goes when it runs', async () => {
        const { outbox, sent, jobs, answers, queued } = setup();
        answers.push({ status: 503, data: { error: 'down' } });
        await outbox.enqueue(reply('hello'));
        await outbox.drain('R1', { kind: 'event' });
        expect(jobs).toEqual([{ id: 'outbox-attempt', when: new Date(T0 + 10000).toISOString(), data: { roomId: 'R1', itemId: 'agent-message:hello', attempts: 1 } }]);
        expect(queued()[0]).toMatchObject({ attempts: 1, lastError: 'RapidPro answered HTTP 503: down', nextAttemptAt: new Date(T0 + 10000).toISOString() });
        await outbox.drain('R1', { kind: 'event' });
        expect(sent()).toEqual(['hello']);
        await outbox.drain('R1', { kind: 'job', itemId: 'agent-message:hello', attempts: 1 });
        expect(sent()).toEqual(['hello', 'hello']);
        expect(queued()).toEqual([]);
    });

    it('keeps its retry bookkeeping on Rocket.Chat versions that throw after an update', async () => {
        const { outbox, answers, queued, persistence, jobs } = setup();
        persistence.quirks = true;
        answers.push({ fail: 'connect ECONNREFUSED' }, { fail: 'connect ECONNREFUSED' });
        await outbox.enqueue(reply('hello'));
        await outbox.drain('R1', { kind: 'event' });
        await outbox.drain('R1', { kind: 'job', itemId: 'agent-message:hello', attempts: 1 });
        expect(queued()).toHaveLength(1);
        expect(queued()[0]).toMatchObject({ attempts: 2, lastError: 'RapidPro could not be reached: connect ECONNREFUSED' });
        expect(jobs.map((job) => job.data.attempts)).toEqual([1, 2]);
    });

    it('lets a stale job do nothing', async () => {
        const { outbox, sent, answers, jobs } = setup();
        answers.push({ status: 500 });
        await outbox.enqueue(reply('hello'));
        await outbox.drain('R1', { kind: 'event' });
        await outbox.drain('R1', { kind: 'job', itemId: 'agent-message:hello', attempts: 0 });
        await outbox.drain('R1', { kind: 'job', itemId: 'agent-message:gone', attempts: 1 });
        expect(sent()).toEqual(['hello']);
        expect(jobs).toHaveLength(1);
    });

    it('brings back the job of an item queued behind a waiting one, for when that one is due', async () => {
        const { outbox, sent, answers, jobs, clock } = setup();
        answers.push({ status: 500 });
        await outbox.enqueue(reply('hello'));
        await outbox.drain('R1', { kind: 'event' });
        await outbox.enqueue(close(T0 + 1));
        clock.advance(CLOSE_HOLD_SECONDS * 1000);
        await outbox.drain('R1', { kind: 'job', itemId: 'close-room:R1', attempts: 0 });
        expect(sent()).toEqual(['hello']);
        expect(jobs[jobs.length - 1]).toEqual({ id: 'outbox-attempt', when: new Date(T0 + 11000).toISOString(), data: { roomId: 'R1', itemId: 'close-room:R1', attempts: 0 } });
    });

    it('gives up on a 4xx, tells the agents, and goes on with the next item', async () => {
        const { outbox, sent, answers, notes, logs } = setup();
        answers.push({ status: 404, data: { error: 'no such ticket T' } });
        await outbox.enqueue(reply('lost'));
        await outbox.enqueue(reply('next', T0 + 1));
        await outbox.drain('R1', { kind: 'event' });
        expect(sent()).toEqual(['lost', 'next']);
        expect(notes).toEqual([{ roomId: 'R1', text: 'Not delivered to RapidPro: RapidPro answered HTTP 404: no such ticket T. Message: “lost”' }]);
        expect(logs).toContainEqual('error Gave up on agent-message:lost after 1 attempt(s): RapidPro answered HTTP 404: no such ticket T');
    });

    it('gives up after 24 hours of retries, telling the agents the last reason', async () => {
        const { outbox, answers, notes, queued, clock } = setup();
        answers.push({ status: 502 }, { status: 502 });
        await outbox.enqueue(reply('hello'));
        await outbox.drain('R1', { kind: 'event' });
        clock.advance(24 * 60 * 60 * 1000);
        await outbox.drain('R1', { kind: 'job', itemId: 'agent-message:hello', attempts: 1 });
        expect(queued()).toEqual([]);
        expect(notes.map((note) => note.text)).toEqual(['Not delivered to RapidPro: RapidPro answered HTTP 502. Message: “hello”']);
    });

    it('counts the 24 hours from the first failure, not from queueing behind others', async () => {
        const { outbox, answers, queued, clock, notes } = setup();
        await outbox.enqueue(reply('queued long ago'));
        clock.advance(25 * 60 * 60 * 1000);
        answers.push({ status: 503 });
        await outbox.drain('R1', { kind: 'event' });
        expect(queued()[0]).toMatchObject({ attempts: 1, firstFailedAt: new Date(clock.advance(0)).toISOString() });
        expect(notes).toEqual([]);
    });

    it('tells the agents once, at the third failure, that replies are kept', async () => {
        const { outbox, answers, notes } = setup();
        answers.push(...Array(5).fill({ status: 503 }));
        await outbox.enqueue(reply('hello'));
        await outbox.drain('R1', { kind: 'event' });
        for (let attempts = 1; attempts <= 4; attempts++) {
            await outbox.drain('R1', { kind: 'job', itemId: 'agent-message:hello', attempts });
        }
        expect(notes.map((note) => note.text)).toEqual([
            'RapidPro is not taking replies right now (RapidPro answered HTTP 503). Your replies are kept and will be sent, in order, when it is back.',
        ]);
    });

    it('hands what is left after 20 s of sending to a follow-up job', async () => {
        const { outbox, sent, jobs } = setup({ secondsPerRequest: 15 });
        for (const [index, text] of ['one', 'two', 'three'].entries()) {
            await outbox.enqueue(reply(text, T0 + index));
        }
        await outbox.drain('R1', { kind: 'event' });
        expect(DRAIN_BUDGET_MS).toBe(20000);
        expect(sent()).toEqual(['one', 'two']);
        expect(jobs.map((job) => job.data)).toEqual([{ roomId: 'R1' }]);
        await outbox.drain('R1', { kind: 'job' });
        expect(sent()).toEqual(['one', 'two', 'three']);
    });

    it('sweeps every other room when one of them cannot be read', async () => {
        const { outbox, sent, clock, persistence, logs } = setup();
        await outbox.enqueue(reply('in R1'));
        await outbox.enqueue({ ...reply('in R2'), id: 'agent-message:r2', roomId: 'R2' });
        persistence.failingReadOf = 'outbox-room:R1';
        clock.advance(SWEEP_GRACE_MS);
        await outbox.sweep();
        expect(sent()).toEqual(['in R2']);
        expect(logs).toContainEqual('error The outbox sweep of room R1 failed: read failed');
    });

    it('sweeps up an item whose job was lost, once it is overdue, and not before', async () => {
        const { outbox, sent, answers, jobs, clock } = setup();
        answers.push({ status: 500 });
        await outbox.enqueue(reply('hello'));
        await outbox.drain('R1', { kind: 'event' });
        jobs.length = 0;
        clock.advance(10000 + SWEEP_GRACE_MS - 1);
        await outbox.sweep();
        expect(sent()).toEqual(['hello']);
        clock.advance(1);
        await outbox.sweep();
        expect(sent()).toEqual(['hello', 'hello']);
    });

    it('sweeps up an item never attempted (its handler stopped) once it is a minute old', async () => {
        const { outbox, sent, clock } = setup();
        await outbox.enqueue(reply('orphan'));
        await outbox.sweep();
        expect(sent()).toEqual([]);
        clock.advance(SWEEP_GRACE_MS);
        await outbox.sweep();
        expect(sent()).toEqual(['orphan']);
    });
});
