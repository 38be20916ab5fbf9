/**
 * The valid request of an operation, sent once per run and shared: status-code judges it, and
 * every instance that expects a rejection (auth, not-found, an undocumented enum value, a string
 * over its maximum length, a missing required field, a wrong Content-Type, a body that is not
 * JSON) asks whether it was accepted. A target that answers 401 or 404 to everything rejects those
 * requests too, and that proves nothing: such a pass becomes a skip, and the operation is
 * nonconformant through the failed status-code check. A failure always stands (accepting an
 * undocumented value is a defect whatever else the target does).
 */
import { evidenceOf } from '../evidence.js';
import { sendOnFreshState, validBody } from './common.js';
import type { Outcome, PlanInput, RunContext } from './types.js';

/** Why a passing rejection was not counted. */
export const NOT_ACCEPTED = 'the valid request was not accepted, so a rejection proves nothing';

export type ValidRequestSent = Awaited<ReturnType<typeof sendOnFreshState>>;

/** The operation's valid request on its primary path, on a fresh provider state: once per run. */
export function validRequest(input: PlanInput, ctx: RunContext): Promise<ValidRequestSent> {
  const { spec } = input;
  return ctx.once(`valid-request\u0000${spec.profile}/${spec.operation}`, () => sendOnFreshState(spec, ctx, validBody(input)));
}

/** The outcome of an instance that expects a rejection, with a pass kept only when the valid request was accepted. */
export async function unlessVacuous(input: PlanInput, outcome: Outcome, ctx: RunContext): Promise<Outcome> {
  if (outcome.verdict !== 'pass') return outcome;
  const sent = await validRequest(input, ctx);
  const status = sent.ok ? sent.exchange.response?.status : undefined;
  if (status !== undefined && status >= 200 && status <= 299) return outcome;
  const got = !sent.ok ? sent.outcome.message : status === undefined ? `no response (${sent.exchange.error ?? 'error'})` : `status ${status}`;
  const valid = sent.ok ? evidenceOf(sent.exchange, ctx) : sent.outcome.evidence;
  return {
    verdict: 'skip',
    message: `${NOT_ACCEPTED}: the valid request got ${got} (status-code reports it)`,
    evidence: { ...outcome.evidence, more: [...(outcome.evidence.more ?? []), valid] },
  };
}
