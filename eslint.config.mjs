// ESLint flat config for the whole repository: the server (TypeScript), the web app (web/, React), and the
// GraphQL files (operations checked against the committed schema.graphql, and the schema itself).
// Formatting is Prettier's job (`npm run lint` runs both); eslint-config-prettier turns off rules that clash.
import js from '@eslint/js';
import graphqlPlugin from '@graphql-eslint/eslint-plugin';
import prettierConfig from 'eslint-config-prettier';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const operations = ['test/operations/**/*.graphql', 'web/src/**/*.graphql'];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'web/dist/**',
      'web/src/gql/**',
      'test/generated/**',
      'coverage/**',
      'data/**',
      'bench/data/**',
      'bench/out/**',
    ],
  },

  // TypeScript and JavaScript everywhere.
  {
    files: ['**/*.{ts,tsx,js,mjs,cjs}'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.node },
      // type-graphql reads decorator metadata: with these set, consistent-type-imports leaves files with decorators
      // alone (turning a decorated parameter's class import into `import type` would drop it from the metadata).
      parserOptions: { emitDecoratorMetadata: true, experimentalDecorators: true },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `_`-prefixed names are deliberately unused (positional arguments, destructuring to omit a key).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports' }],
    },
  },
  {
    // CommonJS files (jest.config.js).
    files: ['**/*.cjs', 'jest.config.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },

  // The web app: browser globals, React hooks rules, accessibility.
  {
    files: ['web/**/*.{ts,tsx}'],
    extends: [jsxA11y.flatConfigs.recommended],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: {
      globals: { ...globals.browser },
      parserOptions: { ecmaFeatures: { jsx: true } },
    },
    rules: { ...reactHooks.configs.recommended.rules },
  },

  // GraphQL: the operations against schema.graphql, and the schema itself.
  {
    files: ['**/*.graphql'],
    languageOptions: {
      parser: graphqlPlugin.parser,
      parserOptions: { graphQLConfig: { schema: 'schema.graphql', documents: operations } },
    },
    plugins: { '@graphql-eslint': graphqlPlugin },
  },
  {
    files: operations,
    rules: {
      ...graphqlPlugin.configs['flat/operations-recommended'].rules,
      // require-selections (always select `id`) serves a normalising client cache; it is switched on for the web
      // app below. The test operations select exactly what each test asserts, and tests compare whole objects.
      '@graphql-eslint/require-selections': 'off',
    },
  },
  { files: ['web/src/**/*.graphql'], rules: { '@graphql-eslint/require-selections': 'error' } },
  {
    files: ['schema.graphql'],
    rules: {
      ...graphqlPlugin.configs['flat/schema-recommended'].rules,
      // Many types here are values without an identity of their own (PageInfo, an escalation step, flag evidence,
      // an import report, connections and edges): requiring an `id` on every object type does not fit them.
      '@graphql-eslint/strict-id-in-types': 'off',
      '@graphql-eslint/naming-convention': [
        'error',
        {
          ...graphqlPlugin.configs['flat/schema-recommended'].rules['@graphql-eslint/naming-convention'][1],
          // SearchKind's values are the names of the types a search returns (Customer, Contact, ...), and
          // EventType's values are the event names of the catalogue (CoverageChanged, ...), the same text
          // webhook receivers get in each payload's `type`: part of the published API, so they keep that case.
          EnumValueDefinition: {
            style: 'UPPER_CASE',
            ignorePattern: '^(Customer|Contact|Engineer|Device)$|^(Coverage|Handoff|Case|Commitment|Customer|Flag)[A-Z][A-Za-z]+$',
          },
        },
      ],
      // type-graphql cannot attach a description to the Query, Mutation and Subscription root types; every other type,
      // enum and root field must have one.
      '@graphql-eslint/require-description': [
        'error',
        {
          types: true,
          rootField: true,
          DirectiveDefinition: true,
          ignoredSelectors: ['[name.value=Query]', '[name.value=Mutation]', '[name.value=Subscription]'],
        },
      ],
    },
  },

  prettierConfig,
);
