/**
 * status-code: a valid request gets the success status the page documents — after decisions,
 * when prose and example disagree (the decision is evidence). One instance per documented path,
 * deprecated paths included (deprecated is not removed).
 */
import { cite, primaryPath, type Json } from '../facts.js';
import { decisionEvidence, errorOutcome, judgeStatus, sendOnFreshState, successExpectation, validBody, type SuccessExpectation } from './common.js';
import { defineCheck } from './types.js';
import { validRequest } from './valid-request.js';

interface Data {
  template: string;
  /** The operation's primary path: its valid request is the one the rejection checks rely on (sent once). */
  primary: boolean;
  expectation: SuccessExpectation | undefined;
  body: Record<string, Json> | undefined;
}

export const statusCode = defineCheck<Data>({
  name: 'status-code',
  appliesTo: 'each documented path of an operation with a documented success status (prose, example or convention; decisions rule on contradictions)',
  plan(input) {
    const { spec } = input;
    const expectation = successExpectation(input);
    const primary = primaryPath(spec);
    const body = validBody(input);
    const alternates = spec.paths.filter((p) => p !== primary);
    return spec.paths.map((path) => {
      const isPrimary = path === primary;
      // Deprecated only where the page says so; another documented request line is an alternate path.
      const kind = path.deprecated ? 'deprecated-path' : 'alternate-path';
      const sameKind = alternates.filter((p) => p.deprecated === path.deprecated);
      const source = expectation?.source ?? spec.response.statusFromProse?.source ?? spec.response.statusFromExample?.source ?? path.source;
      const requirement = expectation
        ? `a valid ${spec.method.value} ${path.template} gets ${expectation.code}${expectation.required.decision ? ` (ruled in ${cite(expectation.required.decision.source)})` : ''}`
        : `a valid ${spec.method.value} ${path.template} gets the documented success status`;
      return {
        instance: isPrimary ? 'valid-request' : `${kind}${sameKind.length > 1 ? `-${sameKind.indexOf(path) + 1}` : ''}`,
        requirement,
        level: expectation?.level ?? 'MUST',
        source,
        data: { template: path.template, primary: isPrimary, expectation, body },
      };
    });
  },
  async run(spec, { data, source }, ctx, input) {
    const { expectation } = data;
    if (!expectation) {
      const p = spec.response.statusFromProse;
      const e = spec.response.statusFromExample;
      return errorOutcome(`the page contradicts itself (prose ${p?.code ?? '?'} at ${p ? cite(p.source) : '?'}, example ${e?.code ?? '?'} at ${e ? cite(e.source) : '?'}) and specs/decisions.yaml has no ruling`, {});
    }
    const sent = data.primary ? await validRequest(input, ctx) : await sendOnFreshState(spec, ctx, data.body, { template: data.template });
    if (!sent.ok) return sent.outcome;
    return judgeStatus(sent.exchange, ctx, { code: expectation.code }, source, decisionEvidence(expectation));
  },
});
