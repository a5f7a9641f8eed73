import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Node builtins that workflow code must never import (determinism: no I/O, clocks or processes in the sandbox).
const nodeBuiltins = [
  'assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises', 'http',
  'http2', 'https', 'net', 'os', 'path', 'perf_hooks', 'process', 'readline', 'stream', 'timers', 'tls', 'tty', 'url',
  'util', 'v8', 'vm', 'worker_threads', 'zlib',
];

export default tseslint.config(
  { ignores: ['lib/**', 'node_modules/**', '.tools/**', '.data/**', 'coverage/**', 'test-artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'separate-type-imports' }],
      'no-console': 'off',
    },
  },
  {
    files: ['src/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Forgetting to await activities, workflow APIs or child processes is a bug.
      '@typescript-eslint/no-floating-promises': 'error',
    },
  },
  {
    // Workflow code runs in Temporal's deterministic sandbox: no Node builtins, no execa, no activity code.
    files: ['src/workflows/**/*.ts', 'src/shared/**/*.ts', 'src/plugins/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodeBuiltins.flatMap((name) => [
              { name, message: 'Workflow code is deterministic: no Node builtins (do I/O in an activity).' },
              { name: `node:${name}`, message: 'Workflow code is deterministic: no Node builtins (do I/O in an activity).' },
            ]),
            { name: 'execa', message: 'Run CLIs from activities (src/activities/lib/run-cli.ts), never from workflows.' },
          ],
          patterns: [
            {
              group: ['**/activities/**', '**/activities', '**/sim/**', '**/cli/**', '**/temporal/**', '**/config/**'],
              allowTypeImports: true,
              message: 'Workflows may import only types from activities; values would pull Node code into the sandbox.',
            },
          ],
        },
      ],
    },
  },
);
