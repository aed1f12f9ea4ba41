'use strict';
// Everything the tests need besides `npm ci`: the packaged app (the engine tests load the zip, as Rocket.Chat
// does) and the Apps-Engine 1.62 Deno runtime.
const { execFileSync } = require('child_process');
const path = require('path');

const root = path.resolve(__dirname, '..');
execFileSync(process.execPath, [path.join(root, 'scripts', 'rc-apps.js'), 'package'], { stdio: 'inherit' });
execFileSync(process.execPath, [path.join(root, 'test', 'engines', 'deno', 'prepare.js')], { stdio: 'inherit' });
