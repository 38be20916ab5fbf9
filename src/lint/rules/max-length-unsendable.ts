/**
 * `max-length-unsendable`: a documented maxLength longer than a contract test sends
 * (`MAX_SENT_STRING_LENGTH`). The schemas keep the limit; the pact has no interaction for it.
 */
import { ruleFinding } from '../../extract/findings.js';
import type { Finding } from '../../spec/finding.js';
import { MAX_SENT_STRING_LENGTH } from '../../spec/limits.js';
import type { LintRule } from '../rule.js';

export const maxLengthUnsendable: LintRule = {
  id: 'max-length-unsendable',
  severity: 'warning',
  description: `A documented maxLength is above the ${MAX_SENT_STRING_LENGTH} characters a contract test sends; the schemas keep it, the pact does not test it.`,
  check(_page, spec) {
    if (spec?.kind !== 'operation') return [];
    const out: Finding[] = [];
    for (const p of spec.request.body?.parameters ?? []) {
      const max = p.maxLength;
      if (!max || max.value <= MAX_SENT_STRING_LENGTH) continue;
      out.push(
        ruleFinding(
          maxLengthUnsendable,
          `maxLength ${max.value} of \`${p.name}\` is above the ${MAX_SENT_STRING_LENGTH} characters a contract test sends; the schemas keep the limit, the pact does not test it`,
          max.source,
          { subject: p.name },
        ),
      );
    }
    return out;
  },
};
