import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { createBridges } from './bridges';
import { EngineRuntime, engineModule, packagedAppPath } from './engines';
import { InMemoryRocketChat } from './rocketchat';
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
    private manager: any;
    private tempDir = '';
    private savedPath?: string;

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
        const affected = await this.manager.add(zip, {
            enable: false,
            user: this.rc.users.get('admin'),
            permissionsGranted: manifest.permissions,
        });
        const app = affected.getApp();
        if (!app) {
            throw new Error(`The engine refused the app: ${JSON.stringify(affected)}`);
        }
        this.appId = app.getID();
        for (const [id, value] of Object.entries(settings)) {
            await this.setSetting(id, value);
        }
        const enabled = await this.manager.enable(this.appId);
        if (!enabled) {
            throw new Error(`The app did not enable: ${JSON.stringify(this.logs.slice(-5))}`);
        }
    }

    public async stop(): Promise<void> {
        if (this.manager) {
            await this.rc.settle();
            await this.manager.unload(true);
        }
        if (this.savedPath !== undefined) {
            process.env.PATH = this.savedPath;
        }
        fs.rmSync(this.tempDir, { recursive: true, force: true });
    }

    /** Calls a public endpoint as Rocket.Chat's router does for `/api/apps/public/<app id>/<path>`. */
    public async call(endpointPath: string, { method = 'get', headers = {}, content, query = {} }: ApiCall = {}): Promise<ApiAnswer> {
        if (!this.rc.routedApiPaths.has(endpointPath)) {
            return { status: 404 };
        }
        const lowerCased = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
        const answer = await this.manager.getApiManager().executeApi(this.appId, endpointPath, {
            method: method.toLowerCase(),
            headers: lowerCased,
            query,
            params: {},
            content,
        });
        return answer;
    }

    /** What an admin does in Administration > Apps > Tickets > Settings. */
    public async setSetting(id: string, value: unknown): Promise<void> {
        const current = this.manager.getSettingsManager().getAppSetting(this.appId, id);
        await this.manager.getSettingsManager().updateAppSetting(this.appId, { ...current, value });
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

    /** Log lines the app wrote (through its logger) in this host, flattened to text. */
    public logText(): string {
        return this.logs.map((entry) => entry.entries.map((item) => `${item.severity} ${JSON.stringify(item.args)}`).join('\n')).join('\n');
    }
}
