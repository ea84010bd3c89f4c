// Lint, including the layering of DESIGN.md: each folder may import only the layers below it.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const LIBRARIES = ['node-opcua', 'node-opcua-*', 'sqlite3', 'mqtt', 'aedes', 'ws', 'pino', 'commander'];

function layer(files, forbiddenFolders, forbiddenPackages, message) {
  return {
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...forbiddenFolders.map((f) => ({ group: [`**/${f}/*`, `**/${f}`], message })),
            { group: ['electron', ...forbiddenPackages], message },
          ],
        },
      ],
    },
  };
}

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'data/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      // Some patterns reject NUL and control characters on purpose.
      'no-control-regex': 'off',
      'no-restricted-syntax': ['error', { selector: 'TSEnumDeclaration', message: 'use a union of string literals' }],
    },
  },
  layer(['src-main/contract/**'], ['domain', 'services', 'adapters', 'host', 'shell'], [...LIBRARIES, 'node:*'], 'contract imports nothing but zod'),
  layer(['src-main/domain/**'], ['services', 'adapters', 'host', 'shell'], [...LIBRARIES, 'zod'], 'domain is pure logic: contract only'),
  layer(['src-main/services/**'], ['adapters', 'host', 'shell'], LIBRARIES, 'services talk to the world through ports.ts'),
  layer(['src-main/adapters/**'], ['host', 'shell'], [], 'adapters must not depend on the host or the shell'),
  layer(['src-main/host/**'], ['shell'], [], 'only src-main/shell may import electron'),
  layer(['src-renderer/**'], ['domain', 'services', 'adapters', 'host', 'shell'], [...LIBRARIES, 'node:*'], 'the UI reaches the backend only through the contract'),
  {
    files: ['src-main/shell/preload.cts'],
    rules: { '@typescript-eslint/no-require-imports': 'off', '@typescript-eslint/consistent-type-imports': 'off' },
  },
  {
    files: ['test/**', 'scripts/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
