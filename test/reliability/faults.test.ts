import { selectedEngines } from '../harness/engines';
import { RapidProStandIn } from '../harness/rapidpro-standin';
import { smsRoomOf, SmsWorld } from '../harness/sms';
import { authorized } from '../harness/ticketer';
import { startBothLegs, stopBothLegs } from './bothLegs';
import { countDeliveries, Figures, reportFigures } from './figures';

/**
 * Ten simulated minutes in which MessageGate and RapidPro are down (connection refused, then 500s, then
 * requests that hang past the timeout) while agents keep replying and contacts keep writing. The scheduler
 * runs on a simulated clock (jobs run once their time has come on it), so the outage takes seconds, not
 * minutes, and the app's own back-off decides how often it tries.
 */
const SECOND = 1000;
const TICK = 10 * SECOND;
const OUTAGE = 600 * SECOND;
const PHASES: Array<{ from: number; fault: 'refused' | 'error500' | 'hang' }> = [
    { from: 0, fault: 'refused' },
    { from: 200 * SECOND, fault: 'error500' },
    { from: 400 * SECOND, fault: 'hang' },
];
const REPLY_EVERY = 30 * SECOND;
const WRITE_EVERY = 60 * SECOND;
/** Conversations open before the outage, per leg; each phase brings one more per leg, whose first reply meets that phase's fault. */
const ROOMS_PER_LEG = 3;

const figures: Array<Figures> = [];
afterAll(() => reportFigures('faults', figures));

describe.each(selectedEngines())('10 minutes of MessageGate and RapidPro outage on $name $version', (engine) => {
    const rapidpro = new RapidProStandIn();
    let world: SmsWorld;
    const rooms = new Map<string, string>();
    const replies = new Map<string, Array<string>>();
    const writes = new Map<string, Array<string>>();
    let clock = 0;
    let started = 0;

    beforeAll(async () => {
        world = await startBothLegs(engine, rapidpro, 'seed', { request_timeout_seconds: 1, sms_delivery_reports: false });
        for (let i = 0; i < ROOMS_PER_LEG; i++) {
            await openConversations();
        }
        await world.host.rc.runJobsUntilIdle();
        started = Date.now();
        await runOutage();
    }, 300 * SECOND);
    afterAll(() => stopBothLegs(world, rapidpro));

    const setFault = async (fault: 'none' | 'refused' | 'error500' | 'hang') => {
        await Promise.all([rapidpro.stop(), world.gateway.stop()]);
        if (fault !== 'refused') {
            await Promise.all([rapidpro.start(), world.gateway.start()]);
        }
        rapidpro.fault = fault === 'refused' ? 'none' : fault;
        world.gateway.fault = fault === 'refused' ? 'none' : fault;
    };

    /** A new RapidPro ticket and a new SMS conversation. */
    async function openConversations(): Promise<void> {
        const token = `fault-contact-${rooms.size}`;
        const answer = await world.host.call('room', { method: 'post', headers: authorized(), content: { visitor: { token, name: token }, ticketID: `ticket-${token}` } });
        expect(answer.status).toBe(201);
        rooms.set(token, answer.content.id);
        const phone = `+4791${String(rooms.size).padStart(6, '0')}`;
        expect((await world.gateway.receiveSms(phone, 'hello')).statuses).toEqual([200]);
        rooms.set(phone, smsRoomOf(world, phone).id);
    }

    const reply = (contact: string) => {
        const text = `reply ${replies.get(contact)?.length ?? 0} to ${contact}`;
        replies.set(contact, [...(replies.get(contact) || []), text]);
        world.host.rc.agentSends(rooms.get(contact) as string, world.agent, text);
    };

    const write = async (contact: string) => {
        const text = `message ${writes.get(contact)?.length ?? 0} from ${contact}`;
        writes.set(contact, [...(writes.get(contact) || []), text]);
        if (contact.startsWith('+')) {
            const result = await world.gateway.receiveSms(contact, text);
            expect(result.statuses).toEqual([200]);
        } else {
            const answer = await world.host.call('visitor-message', { method: 'post', headers: authorized(), content: { visitor: { token: contact }, text } });
            expect(answer.status).toBe(201);
        }
    };

    const outboxItems = () => [...world.host.rc.records.values()].filter((record) => record.data.delivery);

    async function advanceTo(time: number): Promise<void> {
        clock = time;
        await world.host.rc.runJobsDueBy(started + clock);
    }

    async function runOutage(): Promise<void> {
        for (let time = 0; time < OUTAGE; time += TICK) {
            const phase = PHASES.filter((candidate) => candidate.from <= time).slice(-1)[0];
            if (phase.from === time) {
                await setFault(phase.fault);
                await openConversations();
            }
            if (time % REPLY_EVERY === 0) {
                rooms.forEach((_, contact) => reply(contact));
                await world.host.rc.settle();
            }
            if (time % WRITE_EVERY === 0) {
                for (const contact of rooms.keys()) {
                    await write(contact);
                }
            }
            await advanceTo(time);
        }
        await setFault('none');
        // Recovery: the clock runs on until every waiting reply's next attempt has come (back-off is capped at 10 minutes).
        for (let time = OUTAGE; time <= 2 * OUTAGE + 2 * TICK && outboxItems().length > 0; time += TICK) {
            await advanceTo(time);
        }
        await world.host.rc.runJobsUntilIdle();
    }

    const deliveredTo = (contact: string): Array<string> =>
        contact.startsWith('+')
            ? world.gateway.sent.filter((message) => message.phoneNumbers.includes(contact)).map((message) => message.textMessage?.text ?? '')
            : rapidpro.handled.filter((callback) => callback.body.type === 'agent-message' && callback.body.ticketID === `ticket-${contact}`).map((callback) => callback.body.data.text);

    const visitorTexts = (contact: string): Array<string> =>
        world.host.rc
            .messagesIn(rooms.get(contact) as string)
            .map((message) => message.text)
            .filter((text) => typeof text === 'string' && text.startsWith('message '));

    it('tried to reach both remotes during the outage and met every kind of fault', () => {
        // Refused connections leave no request behind; 500s and hangs do, so both show the app kept trying.
        expect(rapidpro.callbacks.length).toBeGreaterThan(ROOMS_PER_LEG);
        expect(world.gateway.requests.filter((request) => request.method === 'POST' && request.path === '/message').length).toBeGreaterThan(ROOMS_PER_LEG);
        const failures = (remote: string) => world.host.appLogText().split('\n').filter((line) => line.includes(`failed (${remote} `));
        for (const remote of ['RapidPro', 'MessageGate']) {
            expect(failures(remote).some((line) => line.includes('could not be reached'))).toBe(true);
            expect(failures(remote).some((line) => line.includes('answered HTTP 500'))).toBe(true);
            expect(failures(remote).some((line) => /time/i.test(line))).toBe(true);
        }
    });

    it('delivers every reply exactly once and in order per room once both are back', () => {
        for (const contact of rooms.keys()) {
            expect({ contact, delivered: deliveredTo(contact) }).toEqual({ contact, delivered: replies.get(contact) });
        }
        expect(outboxItems()).toEqual([]);
        expect(world.host.appLogText()).not.toContain('Gave up on');
    });

    it('has every contact message in its room once', () => {
        for (const contact of rooms.keys()) {
            const texts = visitorTexts(contact);
            expect({ contact, texts }).toEqual({ contact, texts: writes.get(contact) });
        }
    });

    it('counts sent = accepted, duplicates = 0, lost = 0', () => {
        const accepted = [...replies.values()].flat();
        const delivered = [...rooms.keys()].flatMap((contact) => deliveredTo(contact));
        const inbound = [...writes.values()].flat();
        const arrived = [...rooms.keys()].flatMap((contact) => visitorTexts(contact));
        const replyCounts = countDeliveries(accepted, delivered);
        const inboundCounts = countDeliveries(inbound, arrived);
        const attempts = rapidpro.callbacks.length + world.gateway.requests.filter((request) => request.path === '/message').length;
        figures.push(
            {
                check: 'agent replies through a 10-minute outage',
                engine: `${engine.name} ${engine.version}`,
                tried: accepted.length,
                refused: 0,
                ...replyCounts,
                detail: `${delivered.length} delivered after ${attempts} requests to the remotes, simulated ${Math.round(clock / 1000)} s`,
            },
            { check: 'contact messages during the outage', engine: `${engine.name} ${engine.version}`, tried: inbound.length, refused: 0, ...inboundCounts },
        );
        expect(delivered.length).toBe(accepted.length);
        expect(replyCounts).toEqual({ lost: 0, duplicated: 0 });
        expect(inboundCounts).toEqual({ lost: 0, duplicated: 0 });
        expect(rooms.size).toBe(2 * (ROOMS_PER_LEG + PHASES.length));
    });
});
