'use strict';
// Runs `rc-apps <command>` (package, deploy, …) on a staging copy holding only the app's own files:
// rc-apps compiles every .ts under its folder, so the tests and tools beside the app must stay out of it.
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const stage = path.join(root, '.build', 'app');
const appEntries = ['app.json', 'TicketsApp.ts', 'icon.png', 'package.json', 'commands', 'endpoints', 'handlers', 'lib', 'settings', 'i18n'];

/** A fresh folder holding only these files of `sourceDir`, with the project's node_modules linked in. */
function stageApp(sourceDir, entries, stageDir) {
    fs.rmSync(stageDir, { recursive: true, force: true });
    fs.mkdirSync(stageDir, { recursive: true });
    for (const entry of entries) {
        const source = path.join(sourceDir, entry);
        if (fs.existsSync(source)) {
            fs.cpSync(source, path.join(stageDir, entry), { recursive: true });
        }
    }
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(stageDir, 'node_modules'), 'dir');
}

function rcApps(args, cwd) {
    execFileSync(path.join(root, 'node_modules', '.bin', 'rc-apps'), args, { cwd, stdio: 'inherit' });
}

// rc-apps rewrites app.json (`implements`, `requiredApiVersion`); the engine registers event listeners only
// from `implements`, so the rewritten manifest is the one to keep.
function keepRewrittenManifest() {
    const staged = fs.readFileSync(path.join(stage, 'app.json'), 'utf8');
    if (staged !== fs.readFileSync(path.join(root, 'app.json'), 'utf8')) {
        fs.writeFileSync(path.join(root, 'app.json'), staged);
        console.log('app.json was updated by rc-apps (implements/requiredApiVersion): commit it.');
    }
}

function collectZip() {
    const distDir = path.join(root, 'dist');
    fs.mkdirSync(distDir, { recursive: true });
    const zips = fs.readdirSync(path.join(stage, 'dist')).filter((name) => name.endsWith('.zip'));
    for (const zip of zips) {
        fs.copyFileSync(path.join(stage, 'dist', zip), path.join(distDir, zip));
        console.log(`Packaged app: ${path.join(distDir, zip)}`);
    }
}

function main() {
    const [command, ...args] = process.argv.slice(2);
    if (!command) {
        console.error('usage: node scripts/rc-apps.js <package|deploy> [rc-apps flags]');
        process.exit(2);
    }
    stageApp(root, appEntries, stage);
    try {
        rcApps([command, ...args], stage);
    } catch (error) {
        // rc-apps has said what went wrong; pass its exit status on without a stack trace.
        process.exit(error.status || 1);
    }
    keepRewrittenManifest();
    if (command === 'package') {
        collectZip();
    }
}

if (require.main === module) {
    main();
}

module.exports = { stageApp, rcApps };
