'use strict';
// `npm start`: packages the app, prepares the Apps-Engine 1.62 Deno runtime when that is the engine asked for,
// then runs the sandbox (sandbox/main.ts, which reuses the test harness in place). `--no-package` starts from
// the zip already in dist/.
const { execFileSync } = require('child_process');
const path = require('path');

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);

function step(description, script, ...scriptArgs) {
    console.log(`[sandbox] ${description}…`);
    execFileSync(process.execPath, [path.join(root, script), ...scriptArgs], { stdio: 'inherit' });
}

const engineIndex = args.indexOf('--engine');
const engine = engineIndex >= 0 ? args[engineIndex + 1] : '1.62';
if (!args.includes('--no-package')) {
    step('Packaging the app', 'scripts/rc-apps.js', 'package');
}
if (engine === '1.62' || engine === 'deno') {
    step('Preparing the Apps-Engine 1.62 Deno runtime', 'test/engines/deno/prepare.js');
}
require('./register-ts');
require('../sandbox/main.ts')
    .main(args)
    .catch((error) => {
        console.error(`[sandbox] Could not start: ${error && error.stack ? error.stack : error}`);
        process.exit(1);
    });
