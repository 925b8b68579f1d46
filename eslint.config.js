// Lint rules that keep the architecture honest: no import cycles, deterministic workflows, a core that
// depends on nothing else of the project. `npm run lint` must pass with zero warnings.
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Project folders outside `core/`; core may import none of them. */
const projectFolders = [
  'activities',
  'api',
  'bench',
  'bin',
  'cli',
  'config',
  'connections',
  'db',
  'drafting',
  'integrations',
  'runs',
  'secrets',
  'temporal',
  'test',
  'web',
  'workers',
  'workflows',
];

export default tseslint.config(
  { ignores: ['node_modules/**', '.data/**', 'dist/**', 'coverage/**', '**/*.json'] },
  js.configs.recommended,
  { languageOptions: { globals: globals.node } },
  { files: ['web/assets/**/*.js'], languageOptions: { globals: globals.browser } },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
    },
  },
  {
    // Workflow code is replayed: only Temporal's workflow APIs and its own message definitions at run time.
    files: ['workflows/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!@temporalio/(workflow|common)$|\\./).*',
              allowTypeImports: true,
              message:
                'workflows import only @temporalio/workflow, @temporalio/common and their own modules at run time (types from elsewhere are fine)',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: projectFolders.map((folder) => `**/${folder}/**`),
              message: 'core/ imports nothing else of the project',
            },
            { group: ['../*'], message: 'core/ imports nothing else of the project' },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
