'use strict';
// `npm run bench [-- --engines vm2,deno --tickets 10,10000 --rounds 5 --requests 100 --concurrency 8 --detail]`:
// packages Tickets and the floor app, prepares the Deno engine, and prints the benchmark table.
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const { rcApps, stageApp } = require('./rc-apps');

const root = path.resolve(__dirname, '..');

function packageFloorApp() {
    const stage = path.join(root, '.build', 'bench-floor-app');
    stageApp(path.join(root, 'bench', 'noop-app'), ['app.json', 'NoopApp.ts'], stage);
    // rc-apps reads the engine version from package.json, as for Tickets itself.
    for (const file of ['icon.png', 'package.json']) {
        fs.copyFileSync(path.join(root, file), path.join(stage, file));
    }
    rcApps(['package'], stage);
    const zip = fs.readdirSync(path.join(stage, 'dist')).find((name) => name.endsWith('.zip'));
    return path.join(stage, 'dist', zip);
}

execFileSync(process.execPath, [path.join(root, 'scripts', 'rc-apps.js'), 'package'], { stdio: 'inherit' });
execFileSync(process.execPath, [path.join(root, 'test', 'engines', 'deno', 'prepare.js')], { stdio: 'inherit' });
const floorZip = packageFloorApp();
require('./register-ts');
// Permission checks on, as in production (see test/harness/tickets-host.ts).
process.env.NODE_ENV = 'development';
const { runBench, optionsFromArguments } = require('../bench/run.ts');

runBench({ ...optionsFromArguments(process.argv.slice(2)), floorZip })
    .then((report) => {
        console.log(report);
        fs.mkdirSync(path.join(root, 'artifacts'), { recursive: true });
        fs.writeFileSync(path.join(root, 'artifacts', 'bench.md'), `${report}\n`);
        // The Deno engine's subprocesses are gone, but sockets of the stand-ins may linger a moment.
        process.exit(0);
    })
    .catch((error) => {
        console.error(error);
        process.exit(1);
    });
