// ESLint flat config: typescript-eslint plus the layering rules of docs/architecture.md.
// shared/ imports nothing of electron/ or renderer/ (and no Node, DOM or Electron);
// renderer/ imports only shared/; nothing outside electron/shell/ imports 'electron';
// electron/engine/ imports none of its hosts (shell, headless, cli), the demo or the sandbox.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'net', 'http', 'https'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.tmp/**', 'out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/electron/**', '**/renderer/**', 'electron'],
              message: 'shared/ is pure: it imports nothing of electron/ or renderer/.',
            },
            { group: nodeBuiltins, message: 'shared/ is pure: no Node built-ins.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/electron/**', 'electron'],
              message: 'The renderer talks to the engine only through window.api.',
            },
            { group: nodeBuiltins, message: 'The renderer runs in a sandboxed page: no Node built-ins.' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/shell/**', 'electron/engine/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The engine never imports Electron: only electron/shell/ may.' }],
          patterns: [{ group: ['**/renderer/**'], message: 'The engine does not import the renderer.' }],
        },
      ],
    },
  },
  // The engine is the core every host wraps: it knows none of them, nor the demo or the sandbox
  // (which are built on top of it), so it runs the same under the window, serve, the CLI and tests.
  {
    files: ['electron/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The engine never imports Electron: only electron/shell/ may.' }],
          patterns: [
            { group: ['**/renderer/**'], message: 'The engine does not import the renderer.' },
            { group: ['**/shell/**'], message: 'The engine does not import the Electron shell.' },
            { group: ['**/headless/**'], message: 'The engine does not import the serve host.' },
            { group: ['**/cli/**'], message: 'The engine does not import the command line.' },
            { group: ['**/demo/**'], message: 'The engine does not import the demo: the demo uses the engine.' },
            {
              group: ['**/cloudcart-sandbox/**'],
              message: 'The engine does not import the sandbox: it talks to any store over HTTP.',
            },
          ],
        },
      ],
    },
  },
);
