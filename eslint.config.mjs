// @ts-check
import { readdirSync } from 'node:fs';
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';

/** Surfaces (modules with controllers) never import each other (ARCHITECTURE "The shape"). */
const SURFACES = [
  'discovery',
  'oauth2',
  'introspection',
  'compat',
  'account',
  'admin',
  'health',
  'login',
];
/** Every other folder of src/ but the wiring (cli, app) is a lower layer. */
const LOWER = readdirSync(new URL('./src', import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory() && !SURFACES.includes(d.name) && !['cli', 'app'].includes(d.name))
  .map((d) => d.name);

const layerZones = [
  ...SURFACES.flatMap((target) =>
    SURFACES.filter((from) => from !== target).map((from) => ({
      target: `./src/${target}`,
      from: `./src/${from}`,
      message: 'surface modules never import one another; move the shared part down a layer',
    })),
  ),
  ...LOWER.flatMap((target) =>
    SURFACES.map((from) => ({
      target: `./src/${target}`,
      from: `./src/${from}`,
      message: 'lower layers never import a surface',
    })),
  ),
  {
    target: './src/storage',
    from: ['./src/http', './src/cli', './src/app'],
    message: 'storage knows nothing of HTTP or the CLI',
  },
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'data/**',
      'coverage/**',
      'eslint.config.mjs',
      'test/run-tests.mjs',
      'bench/**/*.mjs',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-unsafe-function-type': 'off',
      '@typescript-eslint/no-extraneous-class': 'off',
    },
  },
  // Time and randomness are injected (ARCHITECTURE §3); only core/ may touch the globals.
  {
    files: ['src/**/*.ts'],
    ignores: ['src/core/**', 'src/**/*.spec.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'inject Clock from core/' },
        { object: 'Math', property: 'random', message: 'inject Rng from core/' },
      ],
    },
  },
  // process.env is read only in config/ (ARCHITECTURE §6).
  {
    files: ['src/**/*.ts'],
    ignores: ['src/config/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'read the environment only in config/',
        },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    rules: { 'import-x/no-restricted-paths': ['error', { zones: layerZones }] },
  },
  {
    files: ['test/**/*.ts', 'src/**/*.spec.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  prettier,
);
