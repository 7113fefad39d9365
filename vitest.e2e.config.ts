import { defineConfig } from 'vitest/config';

// End-to-end tests: the built extension in Debian's Chromium against the demo portal.
// One file at a time: each launches its own browser, and the machine has two cores.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 60_000,
  },
});
