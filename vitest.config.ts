import { defineConfig } from 'vitest/config';

// suites/ is the conformance suite for a live target (docs/vitest.md): it runs only when one is named.
const suites = process.env.CALLCONFORM_TARGET ? ['suites/**/*.test.ts'] : [];

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', ...suites],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
