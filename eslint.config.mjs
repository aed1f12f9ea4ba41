// Type-aware lint: above all, a promise nobody awaits (a lost callback, an unsaved ticket) is an error.
import tseslint from 'typescript-eslint';

export default tseslint.config(
    { ignores: ['node_modules/', 'dist/', '.build/', 'coverage/', 'test/engines/', '*.js', '*.mjs'] },
    {
        files: ['**/*.ts'],
        extends: [tseslint.configs.recommended],
        languageOptions: { parserOptions: { project: './tsconfig.json', tsconfigRootDir: import.meta.dirname } },
        rules: {
            '@typescript-eslint/no-floating-promises': 'error',
            '@typescript-eslint/no-misused-promises': 'error',
            '@typescript-eslint/await-thenable': 'error',
            '@typescript-eslint/require-await': 'off',
            '@typescript-eslint/no-explicit-any': 'off',
            'no-console': 'error',
            eqeqeq: 'error',
        },
    },
    {
        files: ['test/**/*.ts'],
        rules: { 'no-console': 'off' },
    },
    {
        files: ['sandbox/**/*.ts'],
        rules: { 'no-console': 'off' },
    },
);
