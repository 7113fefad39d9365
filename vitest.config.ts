import { defineConfig } from 'vitest/config';

// Unit and integration tests that run in Node (core, demo portal). Browser tests live in
// test/e2e and run through scripts/e2e.mjs against the built extension.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'demo/**/*.test.{ts,mjs}', 'test/unit/**/*.test.ts', 'test/fields-corpus/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
  },
});
