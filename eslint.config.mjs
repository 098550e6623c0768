// Lint rules, including the runtime layering of ../shared/STYLE.md habit 1: only the
// Electron shell and the preload import `electron`; src/shared imports nothing
// platform-specific; the renderer never imports Node, node-pty or src/main.
import { builtinModules } from 'node:module'
import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)]

function forbid(message, { paths = [], patterns = [] }) {
  return {
    'no-restricted-imports': [
      'error',
      {
        paths: paths.map((name) => ({ name, message })),
        patterns: patterns.length ? [{ group: patterns, message }] : [],
      },
    ],
  }
}

export default tseslint.config(
  { ignores: ['out/', 'node_modules/', 'test-results/', 'playwright-report/', 'bench-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-empty-pattern': 'off',
    },
  },
  {
    files: ['src/shared/**'],
    rules: forbid('src/shared is pure TypeScript: no Node, DOM, Electron or UI imports.', {
      paths: [...nodeBuiltins, 'electron', 'node-pty', 'ws', 'react', 'react-dom', 'dexie'],
      patterns: ['@xterm/*', '**/main/**', '**/renderer/**', '**/preload/**'],
    }),
  },
  {
    files: ['src/main/core/**', 'src/main/server/**'],
    rules: forbid('The core and the browser shell never import Electron or the renderer.', {
      paths: ['electron'],
      patterns: ['**/renderer/**', '**/preload/**', '**/electron/**'],
    }),
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: forbid('The renderer runs in a sandboxed page: no Node, node-pty or src/main.', {
      paths: [...nodeBuiltins, 'electron', 'node-pty', 'ws'],
      patterns: ['**/main/**', '**/preload/**'],
    }),
  },
  {
    files: ['src/preload/**'],
    rules: forbid('The preload exposes the contract only: no Node, node-pty or core.', {
      paths: [...nodeBuiltins.filter((n) => n !== 'events'), 'node-pty', 'ws'],
      patterns: ['**/main/**', '**/renderer/**'],
    }),
  },
  {
    files: ['src/renderer/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
)
