/**
 * What the verifier provides to the conformance suite through vitest's `provide`/`inject`, and
 * what each test leaves in its meta: declared once, for both sides (src/verify and suites/).
 */
import type {} from 'vitest';
import type { CheckResult } from '../report/result.js';
import type { VerifyOptions } from './options.js';
import type { SerializedInputs } from './plan.js';

declare module 'vitest' {
  export interface ProvidedContext {
    callconformRuntime: string;
    callconformOptions: VerifyOptions;
    callconformInputs: SerializedInputs;
  }
  export interface TaskMeta {
    callconform?: CheckResult;
    callconformProfile?: string;
  }
}
