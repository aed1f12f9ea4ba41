import { randomBytes } from 'crypto';

import { EngineRuntime } from '../test/harness/engines';
import { MessageGateEmulator } from '../test/harness/messagegate-emulator';
import { RapidProStandIn } from '../test/harness/rapidpro-standin';
import { InMemoryRocketChat } from '../test/harness/rocketchat';
import { TicketsHost } from '../test/harness/tickets-host';
import { SettingId } from '../settings/SettingId';
import { ConsoleServer } from './console-server';
import { JobClock } from './job-clock';
import { RapidProSide } from './rapidpro-side';
import { SandboxState, StateFile } from './state-file';

export interface SandboxOptions {
    engine: EngineRuntime;
    /** The console and the app's endpoints; the emulator and RapidPro take the next two. 0: random ports. */
    port: number;
    stateFile: string;
    /** Forget the saved state and start from an empty Omnichannel. */
    fresh: boolean;
    progress: (line: string) => void;
}

export interface SandboxUrls {
    console: string;
    app: string;
    messageGate: string;
    rapidPro: string;
}

const AGENT_USERNAME = 'sam.agent';
const GATEWAY = { username: 'sms', password: 'gate-pass-1', signingKey: 'sign-key-12345' };
const SMS_DEPARTMENT = 'SMS';
const TICKETS_DEPARTMENT = 'Support';

/**
 * The whole system on one machine: the packaged app in the real Apps-Engine runtime over an in-memory
 * Rocket.Chat, the MessageGate emulator and a RapidPro stand-in on their own ports, the agent console, a clock
 * for scheduled jobs, and a state file written whenever something changed.
 */
export class Sandbox {
    public readonly host: TicketsHost;
    public readonly gateway: MessageGateEmulator;
    public rapidPro!: RapidProSide;
    /** The channel an agent has open when typing a slash command outside a livechat room. */
    public readonly generalRoomId = 'GENERAL';
    private readonly rapidProStandIn: RapidProStandIn;
    private readonly state: StateFile;
    private readonly clock: JobClock;
    private saver?: NodeJS.Timeout;
    private lastSaved = '';

    constructor(private readonly options: SandboxOptions) {
        const next = (offset: number) => (options.port ? options.port + offset : 0);
        this.host = new TicketsHost(options.engine);
        this.gateway = new MessageGateEmulator({ ...GATEWAY, port: next(1) });
        this.state = new StateFile(options.stateFile);
        this.clock = new JobClock(this.host.rc, options.progress);
        this.rapidProStandIn = new RapidProStandIn(next(2));
    }

    public get rc(): InMemoryRocketChat {
        return this.host.rc;
    }

    public agent(): any {
        return [...this.rc.users.values()].find((user) => user.username === AGENT_USERNAME);
    }

    public async start(): Promise<SandboxUrls> {
        const { progress } = this.options;
        if (this.options.fresh) {
            this.state.remove();
        }
        await this.gateway.start();
        progress(`MessageGate emulator listening at ${this.gateway.url}`);
        await this.rapidProStandIn.start();
        progress(`RapidPro stand-in listening at ${this.rapidProStandIn.origin}`);

        const firstRun = !this.state.exists();
        const saved: SandboxState = firstRun ? { settings: {}, rapidProTickets: [], phone: { sent: [], messages: [] } } : this.state.load(this.rc);
        this.gateway.restoreMessages(saved.phone);
        progress(firstRun ? 'No saved state: starting with an empty Omnichannel' : `Loaded the saved state from ${this.state.file}`);
        if (firstRun) {
            this.seedOmnichannel();
        }
        const consoleServer = new ConsoleServer(this);
        const origin = await this.host.listen(this.options.port, (request, response) => void consoleServer.handle(request, response));
        progress(`Starting the app in Apps-Engine ${this.options.engine.version} (${this.options.engine.name})…`);
        await this.host.start(firstRun ? this.firstRunSettings() : saved.settings);
        const appUrl = `${origin}/api/apps/public/${this.host.appId}`;
        this.rapidPro = new RapidProSide(this.rapidProStandIn, appUrl, () => String(this.host.setting(SettingId.AppSecret)), saved.rapidProTickets);
        if (firstRun) {
            await this.rapidPro.connect();
            progress('RapidPro connected its ticketer (secret.check, PUT settings)');
        }
        await this.clock.start();
        progress(`The app registered ${this.gateway.webhooks().length} webhooks at the MessageGate emulator`);
        this.saver = setInterval(() => {
            try {
                this.save();
            } catch (error) {
                progress(`Could not save the state to ${this.state.file}: ${String(error)}`);
            }
        }, 1000);
        return { console: `${origin}/`, app: appUrl, messageGate: this.gateway.url, rapidPro: this.rapidProStandIn.origin };
    }

    public async stop(): Promise<void> {
        clearInterval(this.saver);
        await this.clock.stop();
        await this.rc.settle();
        this.save();
        await this.host.stop();
        await this.gateway.stop();
        await this.rapidProStandIn.stop();
    }

    /** Writes the state file if anything changed since the last write. */
    public save(): void {
        const text = this.state.serialize(this.rc, {
            settings: Object.fromEntries(this.host.settings().map((setting) => [setting.id, setting.value])),
            rapidProTickets: this.rapidPro ? this.rapidPro.tickets : [],
            phone: this.gateway.savedMessages(),
        });
        if (text !== this.lastSaved) {
            this.state.write(text);
            this.lastSaved = text;
        }
    }

    /** An Omnichannel as an admin sets it up for Tickets: a department per leg, one agent in both, a channel. */
    private seedOmnichannel(): void {
        const sms = this.rc.addDepartment(SMS_DEPARTMENT);
        const tickets = this.rc.addDepartment(TICKETS_DEPARTMENT);
        this.rc.addAgent(AGENT_USERNAME, [sms.id, tickets.id]);
        this.rc.rooms.set(this.generalRoomId, {
            id: this.generalRoomId,
            type: 'c',
            slugifiedName: 'general',
            displayName: 'general',
            userIds: [this.agent().id],
            isOpen: true,
            messageCount: 0,
            createdAt: new Date(),
            updatedAt: new Date(),
        });
    }

    /** The settings an admin types in on first install: the gateway's address and keys, the departments, a secret. */
    private firstRunSettings(): Record<string, unknown> {
        const alphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
        const secret = Array.from(randomBytes(32), (byte) => alphabet[byte % alphabet.length]).join('');
        return {
            [SettingId.AppSecret]: secret,
            [SettingId.DefaultDepartment]: TICKETS_DEPARTMENT,
            [SettingId.GatewayUrl]: this.gateway.url,
            [SettingId.GatewayUsername]: GATEWAY.username,
            [SettingId.GatewayPassword]: GATEWAY.password,
            [SettingId.SigningKey]: GATEWAY.signingKey,
            [SettingId.SmsDepartment]: SMS_DEPARTMENT,
        };
    }
}
