/**
 * What a check of the fixed vocabulary is: one definition per module (like one keyword per
 * module in ajv) — its name, which spec facts it applies to, and for each applicable fact one
 * planned instance carrying the requirement text, the level and the source line it derives
 * from that fact, and a `run` that talks to the target and returns a verdict with evidence.
 */
import type { Decision } from '../../spec/decisions.js';
import type { Level, OperationSpec, ResourceSpec, Source } from '../../spec/model.js';
import type { CheckName, Evidence } from '../../report/result.js';
import type { ContractSchemas } from '../contract-schemas.js';
import type { Exchange, HttpClient, HttpRequest } from '../http.js';
import type { Subscription } from '../cometd.js';

/** What planning reads: the facts of one operation and the contracts compiled from them. */
export interface PlanInput {
  spec: OperationSpec;
  resources: readonly ResourceSpec[];
  decisions: readonly Decision[];
  schemas: ContractSchemas;
}

/** The target one profile is verified against (DESIGN.md "Target contract"). */
export interface Target {
  profile: string;
  /** Base URL including any path prefix. */
  url: string;
  origin: string;
  stateUrl?: string;
  callId?: string;
  cometdUrl: string;
}

/** A call to act on: fresh from the state URL (one per mutating check), or the `--call-id`. */
export type CallLease = { ok: true; callId: string; setup?: Exchange } | { ok: false; message: string; setup?: Exchange };

/** What a running check may use. */
export interface RunContext {
  target: Target;
  /** Sent as `Authorization: Bearer …` where the page documents Authorization; never shown. */
  token?: string;
  /** The token and the values of secret `--header`s: redacted from every result (`executeInstance`). */
  secrets?: readonly string[];
  http: HttpClient;
  timeoutMs: number;
  schemas: ContractSchemas;
  decisions: readonly Decision[];
  resources: readonly ResourceSpec[];
  freshCall(): Promise<CallLease>;
  subscribe(channel: string): Promise<Subscription | { error: string }>;
  /**
   * Send a request with the run's `--header`s added. `withoutCredentials` leaves out the ones that
   * are credentials (secret headers, and any Authorization), for checks of what happens without them.
   */
  send(req: HttpRequest, options?: { withoutCredentials?: boolean }): Promise<Exchange>;
}

/** The verdict before the level is applied (a SHOULD `fail` becomes `warn`). */
export type RawVerdict = 'pass' | 'fail' | 'error' | 'skip';

export interface Outcome {
  verdict: RawVerdict;
  message: string;
  evidence: Evidence;
}

/** One planned instance of a check, with everything it needs to run. */
export interface PlannedInstance<D> {
  /** Last part of the result id: `clientContext-257`. */
  instance: string;
  requirement: string;
  level: Level;
  source: Source;
  data: D;
}

export interface CheckDefinition<D> {
  name: CheckName;
  /** The spec facts it is generated from, in words (shown by docs and `--only` help). */
  appliesTo: string;
  plan(input: PlanInput): PlannedInstance<D>[];
  run(spec: OperationSpec, instance: PlannedInstance<D>, ctx: RunContext): Promise<Outcome>;
}

/** A check with its data type hidden: what the index lists. */
export interface Check {
  name: CheckName;
  appliesTo: string;
  plan(input: PlanInput): CheckInstance[];
}

/** A runnable instance: report metadata plus `run`. */
export interface CheckInstance {
  /** `<profile>/<operation>/<check>/<instance>`. */
  id: string;
  profile: string;
  operation: string;
  check: CheckName;
  requirement: string;
  level: Level;
  source: Source;
  run(ctx: RunContext): Promise<Outcome>;
}

export function defineCheck<D>(def: CheckDefinition<D>): Check {
  return {
    name: def.name,
    appliesTo: def.appliesTo,
    plan: (input) =>
      def.plan(input).map((p) => ({
        id: `${input.spec.profile}/${input.spec.operation}/${def.name}/${p.instance}`,
        profile: input.spec.profile,
        operation: input.spec.operation,
        check: def.name,
        requirement: p.requirement,
        level: p.level,
        source: p.source,
        run: (ctx) => def.run(input.spec, p, ctx),
      })),
  };
}
