/** Jest runs TypeScript through SWC with decorator metadata (type-graphql needs it). */
const swc = (tsx) => [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true, tsx },
      transform: { legacyDecorator: true, decoratorMetadata: true, react: { runtime: 'automatic' } },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

module.exports = {
  // Server tests run in node; web component tests (test/web/*.test.tsx) choose jsdom with a docblock.
  testEnvironment: 'node',
  roots: ['<rootDir>/test', '<rootDir>/src'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    '^.+\\.ts$': swc(false),
    '^.+\\.tsx$': swc(true),
  },
  setupFiles: ['reflect-metadata'],
  // Also builds the web app (dist/web) when its sources are newer, for the browser tests.
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  testTimeout: 30000,
  // Neo4j tests share one database: run the files one after another then.
  maxWorkers: process.env.NEO4J_URI ? 1 : '50%',
};
