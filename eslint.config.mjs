// @ts-check
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import importPlugin from 'eslint-plugin-import';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'client/dist/',
      'node_modules/',
      '.cassandra/',
      'coverage/',
      'bench/results/',
      'eslint.config.mjs',
      'jest.config.js',
      'test/support/closing-line-reporter.js',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  prettier,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { import: importPlugin },
    settings: { 'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js'] } } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import/no-cycle': 'error',
      'no-console': 'off',
    },
  },
  {
    // The application logs through Nest's logger; the command-line tools and tests print to the console.
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.spec.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    // Driver types stop at the repositories: services, controllers and the rest see strings, numbers and
    // Dates, and hand domain values down. Only the Cassandra module and the repositories talk to the driver.
    files: ['src/**/*.ts'],
    ignores: ['src/cassandra/**', 'src/**/*.repository.ts', 'src/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'cassandra-driver',
              message:
                'Only src/cassandra/ and *.repository.ts may import the driver; hand domain values down.',
            },
          ],
        },
      ],
    },
  },
  {
    // Supertest bodies and Jest matchers are untyped by nature.
    files: ['test/**/*.ts', 'src/**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
);
