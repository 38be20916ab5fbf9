/**
 * What a check of the fixed vocabulary is: one definition per module (like one keyword per
 * module in ajv) — its name, which spec facts it applies to, and for each applicable fact one
 * planned instance carrying the requirement text, the level and the source line it derives
 * from that fact, and a `run` that talks to the target and returns a verdict with evidence.
 */
import type { Decision } from '../../spec/decisions.js';
import type { Level, OperationSpec, ResourceSpec, Source } from '../../spec/model.js';
import type { ProviderState } from '../../spec/provider-state.js';
import type { CheckName, Evidence } from '../../report/result.js';
import type { ContractSchemas } from '../contract-schemas.js';
import type { Exchange, HttpClient, HttpRequest } from '../http.js';
import type { Subscription } from '../cometd.js';
import { unlessVacuous } from './valid-request.js';

/** What planning reads: the facts of one operation and the contracts compiled from them. */
export interface PlanInput {
  spec: OperationSpec;
  resources: readonly ResourceSpec[];
  decisions: readonly Decision[];
  schemas: ContractSchemas;
  /** Every operation of the spec's profile (a create's GET and DELETE of what it created are among them). */
  operations?: readonly OperationSpec[];
}

/** The target one profile is verified against (DESIGN.md "Target contract"). */
export interface Target {
  profile: string;
  /** Base URL including any path prefix. */
  url: string;
  origin: string;
  stateUrl?: string;
  /** Fixed ids by state key (`--param callId=…`, `--call-id`): sent as the state's params, and used as given. */
  params?: Readonly<Record<string, string>>;
  cometdUrl: string;
}

/**
 * Ids to fill a path with: fresh from the state URL (one provider state per mutating check), or
 * the fixed `--param`s. `ids` are by placeholder (`id`, `participant-id`).
 */
export type StateLease = { ok: true; ids: Record<string, string>; setup?: Exchange } | { ok: false; message: string; setup?: Exchange };

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
  /** Set up the provider state a path needs (none for a path without parameters). */
  freshState(state: ProviderState | undefined): Promise<StateLease>;
  /** One value per key for the run: the first call computes it, later ones share it (the valid request of an operation). */
  once<T>(key: string, compute: () => Promise<T>): Promise<T>;
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
  /**
   * The instance expects the target to reject a request (auth, not-found, an undocumented value…).
   * A rejection proves something only where the operation's valid request is accepted, so its pass
   * counts only then; otherwise it is a skip (`valid-request.ts`).
   */
  expectsRejection?: boolean;
}

export interface CheckDefinition<D> {
  name: CheckName;
  /** The spec facts it is generated from, in words (shown by docs and `--only` help). */
  appliesTo: string;
  plan(input: PlanInput): PlannedInstance<D>[];
  run(spec: OperationSpec, instance: PlannedInstance<D>, ctx: RunContext, input: PlanInput): Promise<Outcome>;
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
        run: async (ctx) => {
          const outcome = await def.run(input.spec, p, ctx, input);
          return p.expectsRejection ? unlessVacuous(input, outcome, ctx) : outcome;
        },
      })),
  };
}
