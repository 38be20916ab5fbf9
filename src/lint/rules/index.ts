/** Every lint rule, in the order they run. A new rule is one module here plus one line below. */
import type { CrossSourceRule } from '../cross-source.js';
import type { LintRule } from '../rule.js';
import { contentLengthMismatch } from './content-length-mismatch.js';
import { enumCasingDiffers } from './enum-casing-differs.js';
import { enumMemberDiffers } from './enum-member-differs.js';
import { malformedUrl } from './malformed-url.js';
import { maxLengthUnsendable } from './max-length-unsendable.js';
import { parameterOptionalityDiffers } from './parameter-optionality-differs.js';
import { parameterUndeclared } from './parameter-undeclared.js';
import { propertyOneSide } from './property-one-side.js';
import { propertyTypeDiffers } from './property-type-differs.js';
import { responseTypeDiffers } from './response-type-differs.js';
import { todoPlaceholder } from './todo-placeholder.js';
import { unknownPermission } from './unknown-permission.js';

export const rules: readonly LintRule[] = [contentLengthMismatch, todoPlaceholder, malformedUrl, unknownPermission, maxLengthUnsendable];

/** Rules that compare the pages with each other and with the service metadata (they run only with metadata). */
export const crossSourceRules: readonly CrossSourceRule[] = [
  enumCasingDiffers,
  enumMemberDiffers,
  parameterUndeclared,
  parameterOptionalityDiffers,
  propertyTypeDiffers,
  responseTypeDiffers,
  propertyOneSide,
];
