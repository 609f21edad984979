// One lint configuration for every workspace. It holds the rules the docs state, so they are
// checked rather than remembered: the import boundaries (no console feature imports another, no
// server module reaches past another module's index.ts), the hooks rules, accessibility, and a
// line width a reviewer can read side by side. Formatting itself is Prettier's (.prettierrc.json).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import stylistic from '@stylistic/eslint-plugin';
import prettier from 'eslint-config-prettier';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const root = path.dirname(fileURLToPath(import.meta.url));
const dirsIn = (dir) =>
  fs
    .readdirSync(path.join(root, dir), { withFileTypes: true })
    .filter((e) => e.isDirectory() && e.name !== '__tests__')
    .map((e) => e.name);

/** Console features: each may import only itself, `components/`, `lib/`, `hooks/` and shared. */
const features = dirsIn('web/src/features');
const featureZones = features.map((feature) => ({
  target: `./web/src/features/${feature}`,
  from: './web/src/features',
  except: [`./${feature}`],
  message:
    'A console feature never imports another: move what both need to lib/ or components/, or compose them in app/.',
}));

/**
 * Server modules (and the four parts of mivoice): each may import another only through that
 * module's index.ts, the surface it exports for other modules. Its repository, routes and
 * internals stay its own.
 */
const serverModules = dirsIn('bff/src/modules').flatMap((m) =>
  m === 'mivoice' ? dirsIn('bff/src/modules/mivoice').map((p) => `mivoice/${p}`) : [m],
);
const moduleZones = serverModules.map((module) => ({
  target: `./bff/src/modules/${module}`,
  from: './bff/src/modules',
  except: [
    `./${module}`,
    ...serverModules.filter((other) => other !== module).map((other) => `./${other}/index.ts`),
  ],
  message: "A server module uses another only through that module's index.ts.",
}));

const layerZones = [
  {
    target: ['./web/src/components', './web/src/lib', './web/src/hooks'],
    from: ['./web/src/features', './web/src/app'],
    message: 'components/, lib/ and hooks/ serve every feature: they import no feature and not app/.',
  },
  {
    target: './web/src/features',
    from: './web/src/app',
    message: 'Features are composed by app/, never the other way round.',
  },
  {
    target: ['./shared/src'],
    from: ['./bff', './web', './e2e'],
    message: 'shared/ depends on nothing of ours.',
  },
  {
    target: ['./bff/src/db', './bff/src/lib'],
    from: './bff/src/modules',
    message: 'db/ and lib/ serve every module: they import none.',
  },
  { target: ['./web'], from: ['./bff'], message: 'web and bff meet only in shared/.' },
  { target: ['./bff'], from: ['./web'], message: 'web and bff meet only in shared/.' },
  {
    target: './bff/src/micc-sim',
    from: ['./bff/src/modules', './bff/src/http', './bff/src/db', './bff/src/openapi'],
    message: 'The Open Media peer (micc-sim) stands alone: it shares only lib/ with the product.',
  },
];

/** Product code never starts the Open Media peer; its tests, e2e and the benchmark do. */
const productZones = [
  {
    target: ['./bff/src/modules', './bff/src/http', './bff/src/db', './bff/src/lib', './bff/src/openapi'],
    from: './bff/src/micc-sim',
    message: 'The product never runs the Open Media peer (micc-sim); only tests and the benchmark start it.',
  },
];

/** Tests, end-to-end specs, test helpers and benchmarks. */
const testFiles = [
  '**/__tests__/**',
  '**/*.test.{ts,tsx}',
  'e2e/**',
  '**/test/**',
  '**/testing/**',
  '**/bench/**',
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/coverage/**',
      '.tmp/**',
      '**/.turbo/**',
      'data/**',
      'e2e/test-results/**',
      'e2e/playwright-report/**',
      '**/*.d.mts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: root },
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { 'import-x': importX, '@stylistic': stylistic },
    settings: {
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          project: ['web/tsconfig.json', 'bff/tsconfig.json', 'shared/tsconfig.json', 'e2e/tsconfig.json'],
          conditionNames: ['@oig/source', 'import', 'types', 'default'],
          noWarnOnMultipleProjects: true,
        }),
      ],
    },
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        { zones: [...featureZones, ...moduleZones, ...layerZones, ...productZones] },
      ],
      'import-x/no-duplicates': 'error',
      'import-x/no-self-import': 'error',
      // Where the type checker pays: promises that nobody awaits or that go where a void callback
      // is expected (an Express handler, an onClick) lose their errors.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
      // Kysely's expression builders are used by destructuring (`({ exists, selectFrom }) => …`);
      // their methods do not depend on `this`.
      '@typescript-eslint/unbound-method': 'off',
      // An async function that does not await still promises its callers an async contract.
      '@typescript-eslint/require-await': 'off',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    ...jsxA11y.flatConfigs.recommended,
    rules: {
      ...jsxA11y.flatConfigs.recommended.rules,
      // A scrolling table is a focusable region so keyboard users can scroll it (axe:
      // scrollable-region-focusable).
      'jsx-a11y/no-noninteractive-tabindex': ['error', { roles: ['region', 'tabpanel'], tags: [] }],
      // Our components take a console `role` (administrator, support), not an ARIA one.
      'jsx-a11y/aria-role': ['error', { ignoreNonDOM: true }],
    },
    languageOptions: {
      ...jsxA11y.flatConfigs.recommended.languageOptions,
      globals: { ...globals.browser },
    },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
    rules: {
      ...reactHooks.configs.flat.recommended.rules,
      // Only says the React Compiler would skip a component (e.g. one using TanStack Table); the
      // console is not compiled with it.
      'react-hooks/incompatible-library': 'off',
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Tests may stub and cast freely; what they assert is what counts. They may start the peer.
    files: testFiles,
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: [...featureZones, ...moduleZones, ...layerZones] }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  prettier,
  {
    // After eslint-config-prettier, which turns line length off: Prettier wraps code at 110, this
    // keeps comments, strings and the rest within what a reviewer reads side by side. A long
    // string is split by concatenation (class lists with `cx` from web/src/lib/class-names.ts).
    rules: {
      '@stylistic/max-len': [
        'error',
        {
          code: 120,
          ignoreUrls: true,
          ignoreStrings: false,
          ignoreTemplateLiterals: false,
          ignoreRegExpLiterals: true,
        },
      ],
    },
  },
  {
    // Test names are sentences: tests may keep a long string on one line.
    files: testFiles,
    rules: {
      '@stylistic/max-len': [
        'error',
        {
          code: 120,
          ignoreUrls: true,
          ignoreStrings: true,
          ignoreTemplateLiterals: true,
          ignoreRegExpLiterals: true,
        },
      ],
    },
  },
);
