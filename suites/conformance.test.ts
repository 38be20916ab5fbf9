/**
 * The conformance checks as a plain vitest file: one test per check instance, planned by
 * callconform's engine from the specs and compiled contracts, run against the target the
 * environment names. For teams that want vitest's reporters, sharding or watch mode; `callconform
 * verify` runs the same instances without a test runner.
 *
 *   CALLCONFORM_TARGET=http://localhost:8080 CALLCONFORM_STATE_URL=http://localhost:8080/_callconform/state \
 *     CALLCONFORM_TOKEN=… npx vitest run suites/
 *
 * Variables: CALLCONFORM_TARGET, CALLCONFORM_STATE_URL or CALLCONFORM_CALL_ID, CALLCONFORM_TOKEN,
 * CALLCONFORM_PROFILE, CALLCONFORM_ONLY, … (docs/vitest.md lists them all). A warning (a SHOULD
 * not met) passes with an annotation; a skipped check is skipped; a failure or an error fails.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, test } from 'vitest';
import type { CheckResult } from '../src/report/result.js';
import type * as Engine from '../src/verify/suite.js';

declare module 'vitest' {
  interface TaskMeta {
    callconform?: CheckResult;
  }
}

const packageRoot = new URL('../', import.meta.url);
// In a checkout the sources run as they are; the installed package ships only the built dist/.
const source = new URL('src/verify/suite.ts', packageRoot);
const engine = (await import(existsSync(source) ? source.href : new URL('dist/verify/suite.js', packageRoot).href)) as typeof Engine;

const suite = await engine.openSuite(engine.settingsFromEnv(process.env, (name) => fileURLToPath(new URL(name, packageRoot))));
afterAll(() => suite.close());

for (const group of suite.groups) {
  describe.concurrent(`${group.profile} ${group.operation}`, () => {
    for (const instance of group.instances) {
      test(instance.id, async ({ task, skip, annotate }) => {
        const result = await suite.execute(group.profile, instance);
        task.meta.callconform = result;
        if (result.verdict === 'skip') skip(result.message);
        if (result.verdict === 'warn') await annotate(result.message, 'warning');
        if (result.verdict === 'fail' || result.verdict === 'error') throw new Error(`${result.verdict}: ${result.message}`);
      });
    }
  });
}
