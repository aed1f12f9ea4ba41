import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '..', '..');

/** One Apps-Engine server runtime the packaged app is proven on. */
export interface EngineRuntime {
    name: string;
    version: string;
    /** Folder of the `@rocket.chat/apps-engine` package. */
    dir: string;
    /** Folders to put on PATH while this engine runs (the Deno engine spawns `deno`). */
    binDirs: Array<string>;
}

export const engineRuntimes: Array<EngineRuntime> = [
    {
        name: 'vm2',
        version: '1.42.1',
        dir: path.join(root, 'node_modules', '@rocket.chat', 'apps-engine'),
        binDirs: [],
    },
    {
        name: 'deno',
        version: '1.62.0',
        dir: path.join(root, 'test', 'engines', 'deno', 'node_modules', '@rocket.chat', 'apps-engine'),
        binDirs: [path.join(root, 'test', 'engines', 'deno', 'node_modules', '.bin')],
    },
];

/** The engine runtimes selected by TICKETS_ENGINES (comma-separated names), all of them by default. */
export function selectedEngines(): Array<EngineRuntime> {
    const wanted = (process.env.TICKETS_ENGINES || '').split(',').map((name) => name.trim()).filter(Boolean);
    return wanted.length ? engineRuntimes.filter((engine) => wanted.includes(engine.name)) : engineRuntimes;
}

/** Loads a module of the given engine (e.g. `server/AppManager`), never the app's own compile-time copy. */
export function engineModule(engine: EngineRuntime, modulePath: string): any {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- each engine is loaded from its own folder at run time
    return require(path.join(engine.dir, modulePath));
}

export const packagedAppPath = (): string => {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'app.json'), 'utf8'));
    return path.join(root, 'dist', `${manifest.nameSlug}_${manifest.version}.zip`);
};
