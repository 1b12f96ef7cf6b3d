// ESLint (flat config): typescript-eslint recommended everywhere, React hooks rules in the
// client, and a fence around shared/ — the pure domain imports nothing from Taro, wx-server-sdk
// or node I/O, and never reads Math.random or the clock (randomness and "now" are arguments).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'dist-h5/',
      'coverage/',
      'tests/artifacts/',
      'cloudfunctions/*/index.js',
      '.junheng/',
      '.swc/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // Chinese text uses the ideographic space (U+3000) inside strings on purpose.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true }],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: {
      globals: { ...globals.browser, defineAppConfig: 'readonly', definePageConfig: 'readonly' },
    },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@tarojs/*', 'wx-server-sdk', 'react', 'react-dom'],
              message: 'shared/ is the pure domain.',
            },
            {
              group: ['node:*', 'fs', 'path', 'http', 'crypto', 'child_process', 'os'],
              message: 'No node I/O in shared/.',
            },
            {
              group: ['../server/*', '../../server/*', '../cloudfunctions/*', '../client/*'],
              message: 'Dependencies point into shared/, never out.',
            },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Pass a seeded Rng (shared/random.ts).' },
        { object: 'Date', property: 'now', message: 'Pass "now" as an argument.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Pass "now" as an argument.',
        },
      ],
    },
  },
  {
    // Each cloud function folder depends only downward (shared/, server/): helpers several
    // functions use live in server/app/, never in another function's folder.
    files: ['cloudfunctions/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./(?!\\.\\./)',
              message:
                'A cloud function imports no other function’s files: move shared helpers to server/app/.',
            },
          ],
        },
      ],
    },
  },
  {
    // The server's layers never reach up into the functions (only the host and the season drive them).
    files: ['server/{app,runtime,store,security,solver}/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/cloudfunctions/**'], message: 'server/ layers below the host import no function.' },
          ],
        },
      ],
    },
  },
);
