import { defineConfig } from 'vitest/config';

// suites/ is the conformance suite for a live target (docs/vitest.md): it runs only when one is named.
const suites = process.env.CALLCONFORM_TARGET ? ['suites/**/*.test.ts'] : [];

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', ...suites],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Vitest's default is one worker less than the cores: one worker on a 2-core CI machine. Most
    // files wait on spawned CLIs and servers, so every core gets a worker (2 cores: 424 → 349 s).
    maxWorkers: '100%',
  },
});
