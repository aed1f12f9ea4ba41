/** Unit tests run in parallel; engine tests each boot a real Apps-Engine (and Deno subprocesses). */
module.exports = {
    testEnvironment: 'node',
    transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
    testMatch: ['<rootDir>/test/**/*.test.ts'],
    testPathIgnorePatterns: ['/node_modules/', '/test/engines/'],
    modulePathIgnorePatterns: ['<rootDir>/test/engines/', '<rootDir>/.build/'],
    testTimeout: 60000,
    // Each engine file leaves its AppManager's contexts behind; a worker past this much memory is replaced
    // after its file (with one worker jest would otherwise run everything in one process until it runs out).
    workerIdleMemoryLimit: '1GB',
};
