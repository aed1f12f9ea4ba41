'use strict';
// Makes the Deno runtime of Apps-Engine 1.62 runnable offline: installs it, points its three jsr:@std imports
// at local stand-ins (jsr is unreachable), maps the one import of the engine's missing src/ folder to the
// compiled file, and fills the Deno module cache the engine runs with (`deno run --cached-only`).
const { execFileSync } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const here = __dirname;
const engineDir = path.join(here, 'node_modules', '@rocket.chat', 'apps-engine');
const runtimeDir = path.join(engineDir, 'deno-runtime');
const configPath = path.join(runtimeDir, 'deno.jsonc');
const shimsSource = path.join(here, 'std-shims');
const marker = path.join(engineDir, '.tickets-prepared');

function inputsHash() {
    const hash = crypto.createHash('sha256');
    hash.update(fs.readFileSync(path.join(here, 'package-lock.json')));
    hash.update(fs.readFileSync(__filename));
    for (const name of fs.readdirSync(shimsSource).sort()) {
        hash.update(name).update(fs.readFileSync(path.join(shimsSource, name)));
    }
    return hash.digest('hex');
}

function run(command, args, options = {}) {
    execFileSync(command, args, { stdio: 'inherit', ...options });
}

function patchImportMap() {
    const config = JSON.parse(fs.readFileSync(configPath, 'utf8'));
    delete config.imports['@std/cli'];
    config.imports['@std/cli/parse-args'] = './std-shims/parse-args.ts';
    config.imports['@std/io'] = './std-shims/io.ts';
    config.imports['@std/streams'] = './std-shims/streams.ts';
    config.imports['@rocket.chat/apps-engine/definition/exceptions/AppsEngineException.ts'] =
        './../definition/exceptions/AppsEngineException.js';
    fs.writeFileSync(configPath, `${JSON.stringify(config, null, '\t')}\n`);
    fs.cpSync(shimsSource, path.join(runtimeDir, 'std-shims'), { recursive: true });
}

function main() {
    const wanted = inputsHash();
    if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === wanted) {
        return;
    }
    console.log('Preparing the Apps-Engine 1.62 Deno runtime for the engine tests…');
    // Not `npm ci`: the registry serves only this platform's deno binary, so the lock cannot list the
    // others and `npm ci` would refuse it; `npm install` still installs exactly what the lock pins.
    run('npm', ['install', '--no-audit', '--no-fund'], { cwd: here });
    patchImportMap();
    const deno = path.join(here, 'node_modules', '.bin', 'deno');
    run(deno, ['cache', `--config=${configPath}`, path.join(runtimeDir, 'main.ts')], {
        env: { ...process.env, DENO_DIR: path.join(engineDir, '.deno-cache') },
    });
    fs.writeFileSync(marker, wanted);
}

main();
