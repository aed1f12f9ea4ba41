import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';

import { createBridges } from './bridges';
import { EngineRuntime, engineModule, packagedAppPath } from './engines';
import { parseNestedForm } from './form';
import { LocalServer } from './local-server';
import { InMemoryRocketChat, routeKey } from './rocketchat';
import { StoredLogEntry, createStorages } from './storages';

export interface ApiCall {
    method?: string;
    headers?: Record<string, string>;
    content?: unknown;
    query?: Record<string, string>;
}

export interface ApiAnswer {
    status: number;
    headers?: Record<string, string>;
    content?: any;
}

/**
 * The packaged Tickets app installed in the real Apps-Engine server runtime, as Rocket.Chat hosts it:
 * endpoints are called through the engine's API manager and events are fired through its listener manager.
 */
export class TicketsHost {
    public readonly rc = new InMemoryRocketChat();
    public readonly logs: Array<StoredLogEntry> = [];
    public appId = '';
    /** How long the engine took to install the packaged app (ms): read the zip, compile, start its runtime. */
    public installMs = 0;
    /** How long the engine took to enable the app (ms), as an admin's Enable switch. */
    public enableMs = 0;
    private manager: any;
    private tempDir = '';
    private savedPath?: string;
    private server?: LocalServer;

    constructor(public readonly engine: EngineRuntime) {
        const rocketChat6 = engine.version.startsWith('1.42.');
        this.rc.systemMessageTypeField = rocketChat6 ? 'unmapped' : 'type';
        // One engine meets the harsher persistence of some Rocket.Chat versions, so the app is proven on both.
        this.rc.persistenceQuirks = !rocketChat6;
    }

    public async start(settings: Record<string, unknown> = {}): Promise<void> {
        // Permission checks are skipped when NODE_ENV is "test" (jest's default): run them as production does.
        process.env.NODE_ENV = 'development';
        if (this.engine.binDirs.length) {
            this.savedPath = process.env.PATH;
            process.env.PATH = [...this.engine.binDirs, process.env.PATH].join(path.delimiter);
        }
        this.tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tickets-engine-'));
        const { AppManager } = engineModule(this.engine, 'server/AppManager');
        const { AppInterface } = engineModule(this.engine, 'definition/metadata');
        const bridges = createBridges(this.engine, this.rc);
        this.manager = new AppManager({ ...createStorages(this.engine, this.logs), bridges, tempFilePath: this.tempDir });
        await this.manager.load();
        this.rc.setEventFirer((event, data) => {
            const listeners = this.manager.getListenerManager();
            // executeListener does not return IPostMessageSent's promise (Rocket.Chat does not wait for it);
            // the method it calls does, which lets settle() know when the app is done with a message.
            return event === 'IPostMessageSent' ? listeners.executePostMessageSent(data) : listeners.executeListener(AppInterface[event], data);
        });

        const zip = fs.readFileSync(packagedAppPath());
        const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', 'app.json'), 'utf8'));
        const installing = performance.now();
        const affected = await this.manager.add(zip, {
            enable: false,
            user: this.rc.users.get('admin'),
            permissionsGranted: manifest.permissions,
        });
        this.installMs = performance.now() - installing;
        const app = affected.getApp();
        if (!app) {
            throw new Error(`The engine refused the app: ${JSON.stringify(affected)}`);
        }
        this.appId = app.getID();
        for (const [id, value] of Object.entries(settings)) {
            await this.setSetting(id, value);
        }
        const enabling = performance.now();
        const enabled = await this.manager.enable(this.appId);
        this.enableMs = performance.now() - enabling;
        if (!enabled) {
            throw new Error(`The app did not enable: ${JSON.stringify(this.logs.slice(-5))}`);
        }
    }

    /**
     * Serves the app's public endpoints over HTTP at `/api/apps/public/<app id>/<path>`, as Rocket.Chat's router
     * does (JSON and form-encoded bodies parsed, other bodies as text), and makes that server the Site URL: remote
     * systems such as the MessageGate emulator then reach the app the way they would in production. Other paths
     * go to `otherPaths` (the rest of a Rocket.Chat server), or are answered 404.
     */
    public async listen(port = 0, otherPaths?: http.RequestListener): Promise<string> {
        this.server = new LocalServer((request, response) => void this.route(request, response, otherPaths), port);
        await this.server.start();
        this.rc.siteUrl = this.server.origin;
        return this.rc.siteUrl;
    }

    /** What an admin does with the app's Disable switch. */
    public async disable(): Promise<void> {
        await this.manager.disable(this.appId);
    }

    /** Runs a slash command as Rocket.Chat does when the user types `/<command> <args>` in the room. */
    public async runCommand(command: string, args: Array<string>, sender: any, room: any): Promise<void> {
        const { SlashCommandContext } = engineModule(this.engine, 'definition/slashcommands');
        await this.manager.getCommandManager().executeCommand(command, new SlashCommandContext(sender, room, args));
    }

    public async stop(): Promise<void> {
        await this.server?.stop();
        if (this.manager) {
            await this.rc.settle();
            this.stopLivenessChecks();
            await this.manager.unload(true);
        }
        if (this.savedPath !== undefined) {
            process.env.PATH = this.savedPath;
        }
        fs.rmSync(this.tempDir, { recursive: true, force: true });
    }

    /** Installs and enables another app beside Tickets (the benchmark's no-op floor); returns its id. */
    public async addApp(zip: Buffer, permissions: Array<{ name: string }>): Promise<string> {
        const affected = await this.manager.add(zip, { enable: true, user: this.rc.users.get('admin'), permissionsGranted: permissions });
        const app = affected.getApp();
        if (!app) {
            throw new Error(`The engine refused the app: ${JSON.stringify(affected)}`);
        }
        return app.getID();
    }

    /** Calls a public endpoint as Rocket.Chat's router does for `/api/apps/public/<app id>/<path>`. */
    public async call(endpointPath: string, { method = 'get', headers = {}, content, query = {} }: ApiCall = {}, appId = this.appId): Promise<ApiAnswer> {
        if (!this.rc.routedApiPaths.has(routeKey(appId, endpointPath))) {
            return { status: 404 };
        }
        const lowerCased = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
        const answer = await this.manager.getApiManager().executeApi(appId, endpointPath, {
            method: method.toLowerCase(),
            headers: lowerCased,
            query,
            params: {},
            content,
        });
        return answer;
    }

    /**
     * The Deno runtime pings its subprocess every 10 s. A ping that fires while unload() kills the process
     * writes to a closed pipe (EPIPE, thrown outside any test), so the watchdog is stopped first, as the
     * engine itself does once a ping fails.
     */
    private stopLivenessChecks(): void {
        const controller = this.denoController();
        if (controller && controller.livenessManager) {
            controller.livenessManager.stop();
        }
        if (controller && controller.deno && controller.deno.stdin) {
            controller.deno.stdin.on('error', () => undefined);
        }
    }

    /** The Deno runtime's controller of the app (undefined under vm2, where the app runs in this process). */
    private denoController(): any {
        const app = this.manager.getOneById(this.appId);
        return app && typeof app.getRuntimeController === 'function' ? app.getRuntimeController() : undefined;
    }

    /**
     * Counts the calls the app's Deno subprocess makes back to the server (accessor and bridge calls, e.g. a
     * setting read or a persistence query), by method, into `counts`: each is a round trip between processes.
     * Under vm2 there are none (accessors are in-process calls; rc.bridgeCalls counts the bridges).
     */
    public countRuntimeCalls(counts: Map<string, number>): void {
        const controller = this.denoController();
        if (!controller || typeof controller.handleIncomingMessage !== 'function') {
            return;
        }
        const handle = controller.handleIncomingMessage.bind(controller);
        controller.handleIncomingMessage = (message: any) => {
            const method = message && message.payload && message.payload.method;
            if (typeof method === 'string' && /^(accessor|bridges):/.test(method)) {
                counts.set(method, (counts.get(method) || 0) + 1);
            }
            return handle(message);
        };
    }

    private async route(request: http.IncomingMessage, response: http.ServerResponse, otherPaths?: http.RequestListener): Promise<void> {
        const prefix = `/api/apps/public/${this.appId}/`;
        const url = new URL(request.url || '/', this.rc.siteUrl);
        if (otherPaths && !url.pathname.startsWith(prefix)) {
            return otherPaths(request, response);
        }
        const chunks: Array<Buffer> = [];
        for await (const chunk of request) {
            chunks.push(chunk as Buffer);
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        let answer: ApiAnswer;
        if (!url.pathname.startsWith(prefix)) {
            answer = { status: 404, content: { error: 'Not found' } };
        } else {
            let content: unknown = raw;
            const contentType = String(request.headers['content-type']);
            if (/json/i.test(contentType) && raw) {
                try {
                    content = JSON.parse(raw);
                } catch {
                    answer = { status: 400, content: { error: 'Invalid JSON' } };
                }
            } else if (/^application\/x-www-form-urlencoded/i.test(contentType)) {
                content = parseNestedForm(raw);
            }
            answer ??= await this.call(url.pathname.slice(prefix.length), {
                method: request.method,
                headers: request.headers as Record<string, string>,
                content,
                query: Object.fromEntries(url.searchParams),
            }).catch((error) => ({ status: 500, content: { error: String(error) } }));
        }
        // As Express's res.send: text goes out as it is, anything else as JSON.
        response.writeHead(answer.status, { 'Content-Type': 'application/json', ...(answer.headers || {}) });
        response.end(answer.content === undefined ? '' : typeof answer.content === 'string' ? answer.content : JSON.stringify(answer.content));
    }

    /** What an admin does in Administration > Apps > Tickets > Settings. */
    public async setSetting(id: string, value: unknown): Promise<void> {
        const current = this.manager.getSettingsManager().getAppSetting(this.appId, id);
        await this.manager.getSettingsManager().updateAppSetting(this.appId, { ...current, value });
    }

    /** Every setting of the app with its current value, as the admin UI lists them. */
    public settings(): Array<any> {
        return Object.values(this.manager.getSettingsManager().getAppSettings(this.appId));
    }

    public setting(id: string): unknown {
        return this.manager.getSettingsManager().getAppSetting(this.appId, id).value;
    }

    public appUser(): any {
        return [...this.rc.users.values()].find((user) => user.type === 'app' && user.appId === this.appId);
    }

    /** Waits until the condition holds, letting fired events run; fails with the description otherwise. */
    public async waitFor<T>(description: string, condition: () => T | undefined | false, timeoutMs = 15000): Promise<T> {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
            await this.rc.settle();
            const result = condition();
            if (result) {
                return result;
            }
            if (Date.now() > deadline) {
                throw new Error(`Timed out waiting for: ${description}`);
            }
            await new Promise((resolve) => setTimeout(resolve, 20));
        }
    }

    /** The app's own log lines, without the engine's debug lines (which echo whole requests and settings). */
    public appLogText(): string {
        return this.logs
            .flatMap((entry) => entry.entries)
            .filter((item) => item.severity !== 'debug')
            .map((item) => `${item.severity} ${JSON.stringify(item.args)}`)
            .join('\n');
    }

    /** Log lines the app wrote (through its logger) in this host, flattened to text. */
    public logText(): string {
        return this.logs.map((entry) => entry.entries.map((item) => `${item.severity} ${JSON.stringify(item.args)}`).join('\n')).join('\n');
    }
}
