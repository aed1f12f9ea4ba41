'use strict';
// Lets Node require the project's TypeScript tools (the benchmark, the test harness) in place, so their
// paths relative to the repository hold as in the tests: each file is transpiled on load, without a type
// check (lint and tsc do that).
const fs = require('fs');
const ts = require('typescript');

require.extensions['.ts'] = (module, filename) => {
    const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
        fileName: filename,
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true, experimentalDecorators: true },
    });
    module._compile(outputText, filename);
};
