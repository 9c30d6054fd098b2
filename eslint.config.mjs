// @ts-check
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

/** Surfaces (modules with controllers) never import each other (ARCHITECTURE "The shape"). */
const SURFACES = ['discovery', 'oauth2', 'introspection', 'compat', 'account', 'admin', 'health'];
/** Layers below the surfaces never import a surface. */
const LOWER = ['config', 'core', 'database', 'storage', 'http', 'keys', 'logging', 'provider-metadata', 'static-clients'];

const surfacePatterns = (except) =>
  SURFACES.filter((s) => s !== except).map((s) => ({
    group: [`**/${s}/**`, `../${s}`, `../../${s}`],
    message: `surface modules never import one another; move the shared part down a layer`,
  }));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', 'eslint.config.mjs', 'test/run-tests.mjs', 'bench/**/*.mjs'] },
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
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
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
        { selector: "MemberExpression[object.name='process'][property.name='env']", message: 'read the environment only in config/' },
      ],
    },
  },
  ...LOWER.map((dir) => ({
    files: [`src/${dir}/**/*.ts`],
    rules: {
      'no-restricted-imports': ['error', { patterns: surfacePatterns(undefined) }],
    },
  })),
  ...SURFACES.map((dir) => ({
    files: [`src/${dir}/**/*.ts`],
    rules: {
      'no-restricted-imports': ['error', { patterns: surfacePatterns(dir) }],
    },
  })),
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
