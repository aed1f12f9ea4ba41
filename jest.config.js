/** Unit tests run in parallel; engine tests each boot a real Apps-Engine (and Deno subprocesses). */
module.exports = {
    testEnvironment: 'node',
    transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
    testMatch: ['<rootDir>/test/**/*.test.ts'],
    testPathIgnorePatterns: ['/node_modules/', '/test/engines/'],
    modulePathIgnorePatterns: ['<rootDir>/test/engines/', '<rootDir>/.build/'],
    testTimeout: 60000,
};
