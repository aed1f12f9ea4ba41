import * as path from 'path';

import { engineRuntimes } from '../test/harness/engines';
import { Sandbox } from './sandbox';

const usage = `usage: npm start -- [--engine 1.62|1.42] [--port 3000] [--state .sandbox/state.json] [--fresh]
  --engine  Apps-Engine runtime: 1.62 (Deno, current Rocket.Chat; the default) or 1.42 (vm2, Rocket.Chat 6.x)
  --port    the console and the app's endpoints; the MessageGate emulator and RapidPro take the next two ports
  --state   where the sandbox keeps its state between runs
  --fresh   forget the saved state and start from an empty Omnichannel`;

interface Arguments {
    engine: string;
    port: number;
    state: string;
    fresh: boolean;
}

function parseArguments(argv: Array<string>): Arguments {
    const parsed: Arguments = { engine: '1.62', port: 3000, state: path.join('.sandbox', 'state.json'), fresh: false };
    for (let index = 0; index < argv.length; index++) {
        const flag = argv[index];
        const value = () => {
            const next = argv[++index];
            if (next === undefined) {
                throw new Error(`${flag} needs a value`);
            }
            return next;
        };
        if (flag === '--engine') {
            parsed.engine = value();
        } else if (flag === '--port') {
            parsed.port = Number(value());
            if (!Number.isInteger(parsed.port) || parsed.port < 0 || parsed.port > 65533) {
                throw new Error('--port must be a port number (0: any free ports)');
            }
        } else if (flag === '--state') {
            parsed.state = value();
        } else if (flag === '--fresh') {
            parsed.fresh = true;
        } else if (flag !== '--no-package') {
            throw new Error(`Unknown option ${flag}`);
        }
    }
    return parsed;
}

/** `npm start`: runs the sandbox until Ctrl-C, printing its progress and where everything is. */
export async function main(argv: Array<string>): Promise<void> {
    let options: Arguments;
    try {
        options = parseArguments(argv);
    } catch (error) {
        console.error(`${(error as Error).message}\n${usage}`);
        process.exit(2);
    }
    const engine = engineRuntimes.find((candidate) => candidate.version.startsWith(`${options.engine}.`) || candidate.name === options.engine);
    if (!engine) {
        console.error(`Unknown engine ${options.engine}\n${usage}`);
        process.exit(2);
    }
    const sandbox = new Sandbox({
        engine,
        port: options.port,
        stateFile: path.resolve(options.state),
        fresh: options.fresh,
        progress: (line) => console.log(`[sandbox] ${line}`),
    });
    let started = false;
    let stopping = false;
    const stop = async () => {
        if (!started) {
            // Nothing worth saving yet; the engine's Deno process ends with its pipe.
            process.exit(130);
        }
        if (stopping) {
            return;
        }
        stopping = true;
        console.log('[sandbox] Stopping: saving the state…');
        await sandbox.stop();
        process.exit(0);
    };
    process.on('SIGINT', () => void stop());
    process.on('SIGTERM', () => void stop());
    const urls = await sandbox.start().catch((error) => {
        throw error && error.code === 'EADDRINUSE' ? new Error(`${error.message}: another program uses that port; pick others with --port`) : error;
    });
    started = true;
    console.log(`
Tickets sandbox is running (Apps-Engine ${engine.version}, ${engine.name}). State: ${path.resolve(options.state)}
  Agent console        ${urls.console}
  App base URL         ${urls.app}
  MessageGate emulator ${urls.messageGate}
  RapidPro stand-in    ${urls.rapidPro}
Press Ctrl-C to stop.`);
}
