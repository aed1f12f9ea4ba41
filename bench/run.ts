import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { smsToken } from '../lib/messagegate/phone';
import { EngineRuntime, engineRuntimes, packagedAppPath } from '../test/harness/engines';
import { gsonStringify } from '../test/harness/gson';
import { MessageGateEmulator, signWebhook } from '../test/harness/messagegate-emulator';
import { RapidProStandIn } from '../test/harness/rapidpro-standin';
import { GATEWAY_PASSWORD, GATEWAY_USERNAME, SIGNING_KEY } from '../test/harness/sms';
import { APP_SECRET, authorized } from '../test/harness/ticketer';
import { ApiAnswer, TicketsHost } from '../test/harness/tickets-host';
import { medianOfRounds, percentile, RoundFigures, seededRandom } from './stats';

/** How much to measure; the defaults take a few minutes on a 2-core machine. */
export interface BenchOptions {
    engines: Array<EngineRuntime>;
    scales: Array<number>;
    rounds: number;
    requests: number;
    concurrency: number;
    floorZip: string;
    /** Print which calls each operation makes, per request (to find the cause of a missed target). */
    detail: boolean;
}

interface Row {
    engine: string;
    tickets: number;
    operation: string;
    figures: RoundFigures;
}

const FLOOR = 'no-op endpoint (floor)';
const OPERATIONS = [FLOOR, 'visitor-message', 'sms:received webhook', 'agent reply → RapidPro callback', 'agent reply → MessageGate /message'];

/** The packaged app with both legs connected, `tickets` open tickets (half RapidPro, half SMS), and the floor app beside it. */
class BenchWorld {
    public readonly host: TicketsHost;
    public readonly rapidpro = new RapidProStandIn();
    public readonly gateway = new MessageGateEmulator({ username: GATEWAY_USERNAME, password: GATEWAY_PASSWORD, signingKey: SIGNING_KEY, build: 'seed' });
    public readonly rapidProTokens: Array<string> = [];
    public readonly smsPhones: Array<string> = [];
    public floorAppId = '';
    /** Calls from the app's Deno subprocess back to the server, by method (none under vm2). */
    public readonly runtimeCalls = new Map<string, number>();
    /** Bridge and runtime calls of the last round's one-at-a-time requests, by method. */
    public lastCalls: Array<[string, number]> = [];
    public agent: any;
    private sequence = 0;

    constructor(engine: EngineRuntime) {
        this.host = new TicketsHost(engine);
    }

    public async start(floorZip: string): Promise<void> {
        await this.rapidpro.start();
        await this.gateway.start();
        const department = this.host.rc.addDepartment('Support');
        this.agent = this.host.rc.addAgent('bench.agent', [department.id]);
        await this.host.listen();
        await this.host.start({
            app_secret: APP_SECRET,
            rapidpro_callback_url: this.rapidpro.callbackUrl,
            messagegate_url: this.gateway.url,
            messagegate_username: GATEWAY_USERNAME,
            messagegate_password: GATEWAY_PASSWORD,
            messagegate_signing_key: SIGNING_KEY,
            sms_delivery_reports: false,
        });
        await this.host.rc.runJobsUntilIdle();
        this.floorAppId = await this.host.addApp(fs.readFileSync(floorZip), [{ name: 'api' }]);
        this.host.countRuntimeCalls(this.runtimeCalls);
    }

    public async stop(): Promise<void> {
        await this.host.stop();
        await this.gateway.stop();
        await this.rapidpro.stop();
    }

    public floor(): Promise<ApiAnswer> {
        return this.host.call('noop', { method: 'post', content: {} }, this.floorAppId);
    }

    public visitorMessage(token: string): Promise<ApiAnswer> {
        return this.host.call('visitor-message', { method: 'post', headers: authorized(), content: { visitor: { token }, text: `bench ${++this.sequence}` } });
    }

    /** An sms:received webhook exactly as the phone signs it, handed to the app as Rocket.Chat's router does. */
    public smsReceived(phoneNumber: string): Promise<ApiAnswer> {
        const hook = this.gateway.webhooks().find((candidate) => candidate.event === 'sms:received');
        const sequence = ++this.sequence;
        const payload = { messageId: `bench${sequence}`, phoneNumber, simNumber: 1, message: `bench ${sequence}`, receivedAt: new Date().toISOString() };
        const body = gsonStringify({ id: `envelope${sequence}`, webhookId: hook?.id, event: 'sms:received', deviceId: 'bench', payload });
        const timestamp = String(Math.floor(Date.now() / 1000));
        return this.host.call('messagegate/webhook', {
            method: 'post',
            headers: { 'content-type': 'application/json', 'x-signature': signWebhook(SIGNING_KEY, body, timestamp), 'x-timestamp': timestamp },
            content: JSON.parse(body),
        });
    }

    /** An agent's reply, timed until the remote side has the request the app made of it. */
    public async agentReply(roomId: string, received: () => number): Promise<void> {
        const before = received();
        this.host.rc.agentSends(roomId, this.agent, `reply ${++this.sequence}`);
        while (received() === before) {
            await new Promise((resolve) => setImmediate(resolve));
        }
    }

    public roomOfToken(token: string): string {
        const visitor = this.host.rc.findVisitorByToken(token);
        const room = [...this.host.rc.rooms.values()].find((candidate) => candidate.isOpen && candidate.visitor.id === visitor.id);
        return room.id;
    }

    /** Opens tickets until `count` are open, half RapidPro and half SMS, through the app's own endpoints. */
    public async openTickets(count: number): Promise<void> {
        const opens: Array<() => Promise<ApiAnswer>> = [];
        for (let i = this.rapidProTokens.length + this.smsPhones.length; i < count; i++) {
            if (i % 2 === 0) {
                const token = `bench-contact-${i}`;
                this.rapidProTokens.push(token);
                opens.push(() =>
                    this.host.call('room', { method: 'post', headers: authorized(), content: { visitor: { token, name: `Contact ${i}` }, ticketID: `bench-ticket-${i}` } }),
                );
            } else {
                const phone = `+479${String(i).padStart(7, '0')}`;
                this.smsPhones.push(phone);
                opens.push(() => this.smsReceived(phone));
            }
        }
        await inParallel(opens, 16, (answer, index) => {
            if (answer.status >= 300) {
                throw new Error(`Opening ticket ${index} failed: ${JSON.stringify(answer)}`);
            }
        });
        await this.host.rc.runJobsUntilIdle();
        await this.host.rc.settle();
    }
}

async function inParallel<T>(work: Array<() => Promise<T>>, concurrency: number, check: (result: T, index: number) => void = () => undefined): Promise<void> {
    let next = 0;
    const worker = async () => {
        while (next < work.length) {
            const index = next++;
            check(await work[index](), index);
        }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, work.length) }, worker));
}

/** One round of one operation: `requests` timed one after the other, then the same number with `concurrency` in flight. */
async function measureRound(world: BenchWorld, options: BenchOptions, request: () => Promise<unknown>, concurrent: boolean): Promise<RoundFigures> {
    const latencies: Array<number> = [];
    world.host.rc.bridgeCalls.clear();
    world.runtimeCalls.clear();
    for (let i = 0; i < options.requests; i++) {
        const started = performance.now();
        await request();
        latencies.push(performance.now() - started);
    }
    await world.host.rc.settle();
    const sum = (counts: Map<string, number>) => [...counts.values()].reduce((total, calls) => total + calls, 0);
    const bridgeCalls = sum(world.host.rc.bridgeCalls);
    const runtimeCalls = sum(world.runtimeCalls);
    world.lastCalls = [...world.host.rc.bridgeCalls, ...world.runtimeCalls];
    const started = performance.now();
    const work = Array.from({ length: options.requests }, () => request);
    await inParallel(work, concurrent ? options.concurrency : 1);
    const perSecond = options.requests / ((performance.now() - started) / 1000);
    await world.host.rc.settle();
    return {
        p50: percentile(latencies, 0.5),
        p99: percentile(latencies, 0.99),
        perSecond,
        bridgeCallsPerRequest: bridgeCalls / options.requests,
        runtimeCallsPerRequest: runtimeCalls / options.requests,
    };
}

/** One engine (the engine allows one AppManager per process): every operation at each scale, growing the tickets in place. */
async function measureEngine(engine: EngineRuntime, options: BenchOptions): Promise<{ rows: Array<Row>; startup: string }> {
    const world = new BenchWorld(engine);
    try {
        await world.start(options.floorZip);
        const rows: Array<Row> = [];
        for (const tickets of options.scales) {
            progress(`· ${engine.name} ${engine.version}: opening ${tickets} tickets …`);
            await world.openTickets(tickets);
            rows.push(...(await measureScale(world, tickets, options)));
        }
        return { rows, startup: `${fixed(world.host.installMs, 0)} ms to install, ${fixed(world.host.enableMs, 0)} ms to enable` };
    } finally {
        await world.stop();
    }
}

async function measureScale(world: BenchWorld, tickets: number, options: BenchOptions): Promise<Array<Row>> {
    const random = seededRandom(tickets);
    const pick = <T>(list: Array<T>): T => list[Math.floor(random() * list.length)];
    const expectStatus = (status: number) => async (answer: Promise<ApiAnswer>) => {
        const { status: got, content } = await answer;
        if (got !== status) {
            throw new Error(`Expected ${status}, got ${got}: ${JSON.stringify(content)}`);
        }
    };
    // The newest tickets: at 10 000 their records are the last written, the far end of any scan.
    const rapidProRoom = world.roomOfToken(world.rapidProTokens[world.rapidProTokens.length - 1]);
    const smsRoom = world.roomOfToken(smsToken(world.smsPhones[world.smsPhones.length - 1]));
    const callbacks = () => world.rapidpro.handled.length;
    const gatewaySends = () => world.gateway.sent.length;
    const operations: Record<string, { request: () => Promise<unknown>; concurrent: boolean }> = {
        [FLOOR]: { request: () => expectStatus(200)(world.floor()), concurrent: true },
        'visitor-message': { request: () => expectStatus(201)(world.visitorMessage(pick(world.rapidProTokens))), concurrent: true },
        'sms:received webhook': { request: () => expectStatus(200)(world.smsReceived(pick(world.smsPhones))), concurrent: true },
        // A room's replies leave one at a time and in order: one room, one reply after the other.
        'agent reply → RapidPro callback': { request: () => world.agentReply(rapidProRoom, callbacks), concurrent: false },
        'agent reply → MessageGate /message': { request: () => world.agentReply(smsRoom, gatewaySends), concurrent: false },
    };
    const rows: Array<Row> = [];
    for (const operation of OPERATIONS) {
        const { request, concurrent } = operations[operation];
        // A warm-up round, not counted: the runtime compiles the paths the first requests take.
        await measureRound(world, { ...options, requests: Math.ceil(options.requests / 4) }, request, concurrent);
        const rounds: Array<RoundFigures> = [];
        for (let round = 0; round < options.rounds; round++) {
            rounds.push(await measureRound(world, options, request, concurrent));
        }
        rows.push({ engine: `${world.host.engine.name} ${world.host.engine.version}`, tickets, operation, figures: medianOfRounds(rounds) });
        progress(`  ${operation}: done`);
        if (options.detail) {
            for (const [method, calls] of [...world.lastCalls].sort((a, b) => b[1] - a[1])) {
                progress(`    ${(calls / options.requests).toFixed(2)} × ${method}`);
            }
        }
    }
    return rows;
}

/** Progress goes to stderr, so stdout holds only the report. */
const progress = (line: string): boolean => process.stderr.write(`${line}\n`);

const fixed = (value: number, digits = 2): string => (Number.isFinite(value) ? value.toFixed(digits) : '–');

/** The markdown table README keeps: figures, ratio to the floor of the same engine and scale, growth with the ticket count. */
export function tableOf(rows: Array<Row>, scales: Array<number>): string {
    const floorOf = (row: Row) => rows.find((candidate) => candidate.engine === row.engine && candidate.tickets === row.tickets && candidate.operation === FLOOR)!;
    const atSmallest = (row: Row) => rows.find((candidate) => candidate.engine === row.engine && candidate.tickets === scales[0] && candidate.operation === row.operation)!;
    const lines = [
        `| engine | open tickets | operation | p50 ms | p99 ms | per s | p50 ÷ floor | per-s floor ÷ per s | p50 growth from ${scales[0]} | bridge calls per request | Deno round trips per request |`,
        '|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ];
    for (const row of rows) {
        const floor = floorOf(row).figures;
        const { p50, p99, perSecond, bridgeCallsPerRequest, runtimeCallsPerRequest } = row.figures;
        lines.push(
            `| ${row.engine} | ${row.tickets} | ${row.operation} | ${fixed(p50)} | ${fixed(p99)} | ${fixed(perSecond, 0)} | ${fixed(p50 / floor.p50)} | ${fixed(floor.perSecond / perSecond)} | ${fixed(p50 / atSmallest(row).figures.p50)} | ${fixed(bridgeCallsPerRequest, 1)} | ${row.engine.startsWith('deno') ? fixed(runtimeCallsPerRequest, 1) : '–'} |`,
        );
    }
    return lines.join('\n');
}

export async function runBench(options: BenchOptions): Promise<string> {
    const rows: Array<Row> = [];
    const startups: Array<string> = [];
    for (const engine of options.engines) {
        const measured = await measureEngine(engine, options);
        rows.push(...measured.rows);
        startups.push(`${engine.name} ${engine.version}: ${measured.startup}`);
    }
    const zipBytes = fs.statSync(packagedAppPath()).size;
    return [
        `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; ` +
            `${options.rounds} rounds of ${options.requests} requests each (median), ${options.concurrency} in flight for per s.`,
        '',
        tableOf(rows, options.scales),
        '',
        `Packaged app: ${path.basename(packagedAppPath())}, ${(zipBytes / 1024).toFixed(1)} KiB. ${startups.join('; ')}.`,
    ].join('\n');
}

/** `--engines vm2,deno --tickets 10,10000 --rounds 5 --requests 100 --concurrency 8 [--detail]`; the floor app's zip comes from the caller. */
export function optionsFromArguments(argv: Array<string>): Omit<BenchOptions, 'floorZip'> {
    const value = (name: string, fallback: string) => {
        const index = argv.indexOf(`--${name}`);
        return index >= 0 && argv[index + 1] ? argv[index + 1] : fallback;
    };
    const engineNames = value('engines', engineRuntimes.map((engine) => engine.name).join(',')).split(',');
    return {
        engines: engineRuntimes.filter((engine) => engineNames.includes(engine.name)),
        scales: value('tickets', '10,10000').split(',').map(Number),
        rounds: Number(value('rounds', '5')),
        requests: Number(value('requests', '100')),
        concurrency: Number(value('concurrency', '8')),
        detail: argv.includes('--detail'),
    };
}
