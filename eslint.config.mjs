// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', '.cache/**', 'coverage/**', 'libs/db/src/generated/**', '**/*.{js,mjs,cjs}'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { project: ['./tsconfig.json', './apps/dashboard/tsconfig.json'], tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      // A lib is used through its alias, never through another lib's files.
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/libs/*/src/*', '@rapport/*/*'], message: 'import the lib through its @rapport/<name> alias' }] },
      ],
    },
  },
  {
    // Tests reach into apps; the dashboard takes only types and constants from the contracts
    // sources, so that the browser bundle does not pull in the server-side schemas.
    files: ['test/**/*.ts', '**/*.spec.ts', 'bench/**/*.ts', 'apps/dashboard/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
