/**
 * The checks of the fixed vocabulary (DESIGN.md "Checks"), in report order. Each module exports
 * one definition; adding a check touches only its module and this list.
 */
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

export const CHECKS: readonly Check[] = [
  statusCode,
  locationHeader,
  operationResource,
  responseSchema,
  enumCheck,
  maxLength,
  required,
  contentType,
  auth,
  notFound,
  notification,
  robustness,
];

export const CHECK_NAMES: readonly string[] = CHECKS.map((c) => c.name);

export type { Check, CheckInstance, Outcome, RunContext, Target, PlanInput } from './types.js';
