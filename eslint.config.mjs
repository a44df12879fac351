import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.data/', '**/__generated__/**', 'coverage/', 'test-artifacts/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Only src/config.ts reads process.env; receive config instead.',
        },
      ],
    },
  },
  {
    files: ['src/services/**/*.ts', 'src/domain/**/*.ts', 'src/ports/**/*.ts', 'src/importers/**/*.ts', 'src/demo/**/*.ts', 'resolvers/**/*.ts', 'schema/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@aws-sdk/*', '@smithy/*'], message: 'Only src/adapters and src/local talk to AWS SDKs; depend on a port.' }] },
      ],
    },
  },
  {
    // Config reads the environment; test support and benchmarks pass it on to the processes they start.
    files: ['src/config.ts', 'test/support/**/*.ts', 'scripts/bench/**/*.ts', 'jest.config.js'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: { module: 'writable', require: 'readonly', process: 'readonly', __dirname: 'readonly' } },
  },
);
