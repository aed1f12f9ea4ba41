import { ChildProcessWithoutNullStreams, spawn } from 'child_process';
import * as path from 'path';

const root = path.resolve(__dirname, '..', '..');

export interface RunningSandbox {
    consoleUrl: string;
    output: () => string;
    stop: () => Promise<void>;
}

/**
 * Starts the sandbox as `npm start` does (scripts/start.js, from the zip `npm test` packaged) on free ports, and
 * resolves once it prints the console's URL.
 */
export function startSandbox(engine: string, stateFile: string): Promise<RunningSandbox> {
    const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ['scripts/start.js', '--no-package', '--engine', engine, '--port', '0', '--state', stateFile], {
        cwd: root,
        env: { ...process.env, NODE_ENV: 'development' },
    });
    let output = '';
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const stop = async () => {
        child.kill('SIGTERM');
        await exited;
    };
    return new Promise((resolve, reject) => {
        const collect = (chunk: Buffer) => {
            output += chunk.toString('utf8');
            const match = /Agent console\s+(http:\/\/\S+)/.exec(output);
            if (match) {
                child.stdout.off('data', collect);
                child.stdout.on('data', (more: Buffer) => (output += more.toString('utf8')));
                resolve({ consoleUrl: match[1], output: () => output, stop });
            }
        };
        child.stdout.on('data', collect);
        child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
        child.once('exit', (code) => reject(new Error(`The sandbox exited (${code}) before it was ready:\n${output}`)));
    });
}
