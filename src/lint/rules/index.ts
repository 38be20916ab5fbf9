/** Every lint rule, in the order they run. A new rule is one module here plus one line below. */
import type { LintRule } from '../rule.js';
import { contentLengthMismatch } from './content-length-mismatch.js';
import { malformedUrl } from './malformed-url.js';
import { maxLengthUnsendable } from './max-length-unsendable.js';
import { todoPlaceholder } from './todo-placeholder.js';
import { unknownPermission } from './unknown-permission.js';

export const rules: readonly LintRule[] = [contentLengthMismatch, todoPlaceholder, malformedUrl, unknownPermission, maxLengthUnsendable];
