'use strict';
// `npm start`: packages the app, prepares the Apps-Engine 1.62 Deno runtime when that is the engine asked for,
// then runs the sandbox (sandbox/main.ts). `--no-package` starts from the zip already in dist/.
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const ts = require('typescript');

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);

function step(description, script, ...scriptArgs) {
    console.log(`[sandbox] ${description}…`);
    execFileSync(process.execPath, [path.join(root, script), ...scriptArgs], { stdio: 'inherit' });
}

// The sandbox reuses the TypeScript test harness as it is: each .ts file is transpiled as it is loaded (types are
// checked by `npm run lint`, not here), so nothing is compiled to disk and no second copy can go stale.
function loadTypeScript() {
    const compilerOptions = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true, inlineSourceMap: true };
    require.extensions['.ts'] = (module, filename) => {
        const output = ts.transpileModule(fs.readFileSync(filename, 'utf8'), { compilerOptions, fileName: filename });
        module._compile(output.outputText, filename);
    };
}

const engineIndex = args.indexOf('--engine');
const engine = engineIndex >= 0 ? args[engineIndex + 1] : '1.62';
if (!args.includes('--no-package')) {
    step('Packaging the app', 'scripts/rc-apps.js', 'package');
}
if (engine === '1.62' || engine === 'deno') {
    step('Preparing the Apps-Engine 1.62 Deno runtime', 'test/engines/deno/prepare.js');
}
loadTypeScript();
require('../sandbox/main.ts')
    .main(args)
    .catch((error) => {
        console.error(`[sandbox] Could not start: ${error && error.stack ? error.stack : error}`);
        process.exit(1);
    });
