/**
 * The conformance suite: one vitest test per check instance, generated from the specs and
 * compiled contracts at collection time (never written per seed). Run by `callconform verify`
 * through vitest's programmatic API, which provides the run's options and the path of the
 * verifier's runtime module; each test leaves its `CheckResult` in the task's meta, where the
 * verifier's reporter turns them into reports.
 */
import { afterAll, describe, inject, test } from 'vitest';
import type {} from '../src/verify/suite-context.js';
import type * as Runtime from '../src/verify/suite-runtime.js';

const runtime = (await import(inject('callconformRuntime'))) as typeof Runtime;
const suite = await runtime.openSuite(inject('callconformOptions'), inject('callconformInputs'));

afterAll(() => suite.close());

for (const group of suite.groups) {
  describe.concurrent(`${group.profile} ${group.operation}`, () => {
    for (const instance of group.instances) {
      test.concurrent(instance.id, async ({ task }) => {
        const result = await suite.execute(instance);
        task.meta.callconform = result;
        task.meta.callconformProfile = group.profile;
        if (result.verdict === 'fail' || result.verdict === 'error') throw new Error(`${result.verdict}: ${result.message}`);
      });
    }
  });
}
