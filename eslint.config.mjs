// @ts-check
import { readdirSync } from 'node:fs';
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';
import { dirname, relative, resolve, sep } from 'node:path';

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

const SRC = resolve(import.meta.dirname, 'src');

/** The top-level folder of src/ that a path lies in, or undefined outside src/. */
function layerOf(path) {
  const rel = relative(SRC, path);
  if (rel.startsWith('..') || rel === '') return undefined;
  return rel.split(sep)[0];
}

/** Why `from` may not import `to`, or undefined when the import is allowed. */
function violation(from, to) {
  if (!from || !to || from === to) return undefined;
  if (SURFACES.includes(from) && SURFACES.includes(to)) {
    return `surface '${from}' imports surface '${to}': move the shared part down a layer`;
  }
  if (LOWER.includes(from) && SURFACES.includes(to)) {
    return `'${from}' is below the surfaces and may not import surface '${to}'`;
  }
  if (LOWER.includes(from) && ['cli', 'app'].includes(to)) {
    return `'${from}' may not import the wiring in '${to}'`;
  }
  if (from === 'storage' && to === 'http') return 'storage knows nothing of HTTP';
  return undefined;
}

/** ARCHITECTURE "The shape": resolves each relative import and checks the layer rules. */
const layersPlugin = {
  rules: {
    'no-cross-layer-imports': {
      meta: { type: 'problem', schema: [] },
      create(context) {
        const from = layerOf(context.filename);
        const check = (node) => {
          const spec = node.source?.value;
          if (typeof spec !== 'string' || !spec.startsWith('.')) return;
          const message = violation(from, layerOf(resolve(dirname(context.filename), spec)));
          if (message) context.report({ node, message });
        };
        return {
          ImportDeclaration: check,
          ExportNamedDeclaration: check,
          ExportAllDeclaration: check,
        };
      },
    },
  },
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'data/**',
      'coverage/**',
      '.cache/**',
      'eslint.config.mjs',
      'test/run-tests.mjs',
      'bench/**/*.mjs',
      'config/**/*.mjs',
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
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
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
    plugins: { layers: layersPlugin },
    rules: { 'layers/no-cross-layer-imports': 'error' },
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
