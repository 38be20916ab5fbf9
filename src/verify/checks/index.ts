/**
 * The checks of the fixed vocabulary, in report order (`CHECK_NAMES`). Each module exports one
 * definition; adding a check adds its name to `CHECK_NAMES` and its module here.
 */
import { CHECK_NAMES, type CheckName } from '../../report/result.js';
import { auth } from './auth.js';
import { contentType } from './content-type.js';
import { enumCheck } from './enum.js';
import { locationHeader } from './location-header.js';
import { maxLength } from './max-length.js';
import { notFound } from './not-found.js';
import { notification } from './notification.js';
import { operationResource } from './operation-resource.js';
import { required } from './required.js';
import { responseSchema } from './response-schema.js';
import { robustness } from './robustness.js';
import { statusCode } from './status-code.js';
import type { Check } from './types.js';

/** One definition per name of the vocabulary: a name without its check does not compile (test/verify/units.test.ts: each under its own name). */
const BY_NAME: { readonly [N in CheckName]: Check } = {
  'status-code': statusCode,
  'location-header': locationHeader,
  'operation-resource': operationResource,
  'response-schema': responseSchema,
  enum: enumCheck,
  'max-length': maxLength,
  required,
  'content-type': contentType,
  auth,
  'not-found': notFound,
  notification,
  robustness,
};

export const CHECKS: readonly Check[] = CHECK_NAMES.map((name) => BY_NAME[name]);

export type { Check, CheckInstance, Outcome, RunContext, Target, PlanInput } from './types.js';
