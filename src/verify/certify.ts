/**
 * A certification run: probe the targets (exit 3 when one is unreachable), plan the check
 * instances from specs and contracts, run them — through vitest (the suites in `suites/`, one
 * test per instance, a custom reporter collecting the results) or directly with a bounded pool
 * — and turn the results into one `Report` per profile. Writing the report files is the
 * caller's (the CLI uses the report stage's `writeReports`).
 */
import type { CheckResult, Report } from '../report/result.js';
import { buildReport } from './build-report.js';
import type { CheckInstance } from './checks/types.js';
import { executeInstance, notRun, pooled } from './execute.js';
import type { VerifyOptions } from './options.js';
import { planRun, type Inputs } from './plan.js';
import { probeTargets } from './probe.js';
import { VitestSession, type SessionSettings } from './vitest-session.js';

export type Runner = 'vitest' | 'direct';

export interface OperationDone {
  profile: string;
  operation: string;
  results: CheckResult[];
}

export interface CertifyHooks {
  runner?: Runner;
  /** Already loaded inputs (tests, embedding); otherwise read from options.specsDir / contractsDir. */
  inputs?: Inputs;
  /** A runner prepared ahead (`prepareRunner`); `runner` is then ignored. */
  prepared?: PreparedRunner;
  /** Called once per operation when all its instances have a result. */
  onOperationDone?: (done: OperationDone) => void;
  /** Called once, with the first result: the checks are under way (the runner has started). */
  onFirstResult?: () => void;
}

export type CertifyOutcome =
  | { kind: 'done'; reports: Report[]; exitCode: 0 | 1; timings: { planMs: number; runMs: number; checksMs: number } }
  | { kind: 'unreachable'; url: string; reason: string; exitCode: 3 };

class Collector {
  private readonly byId = new Map<string, CheckResult>();
  private readonly pending = new Map<string, number>();
  /** Span of the checks themselves (first start to last end), runner start-up excluded. */
  private first = Infinity;
  private last = 0;

  constructor(
    private readonly plan: Map<string, CheckInstance[]>,
    private readonly hooks: Pick<CertifyHooks, 'onOperationDone' | 'onFirstResult'> = {},
  ) {
    for (const [profile, list] of plan) for (const i of list) this.pending.set(`${profile}\u0000${i.operation}`, (this.pending.get(`${profile}\u0000${i.operation}`) ?? 0) + 1);
  }

  record(result: CheckResult, profile: string): void {
    if (this.byId.has(result.id)) return;
    if (this.byId.size === 0) this.hooks.onFirstResult?.();
    this.byId.set(result.id, result);
    const now = performance.now();
    this.first = Math.min(this.first, now - result.durationMs);
    this.last = Math.max(this.last, now);
    const key = `${profile}\u0000${result.operation}`;
    const left = (this.pending.get(key) ?? 1) - 1;
    this.pending.set(key, left);
    const onDone = this.hooks.onOperationDone;
    if (left === 0 && onDone) {
      const results = (this.plan.get(profile) ?? []).filter((i) => i.operation === result.operation).map((i) => this.byId.get(i.id)).filter((r): r is CheckResult => r !== undefined);
      onDone({ profile, operation: result.operation, results });
    }
  }

  get checksMs(): number {
    return this.last > 0 ? Math.round(this.last - this.first) : 0;
  }

  /** Results of a profile in plan order; instances without a result become errors. */
  results(profile: string, why: string): CheckResult[] {
    return (this.plan.get(profile) ?? []).map((i) => this.byId.get(i.id) ?? notRun(i, why));
  }
}

async function runDirect(options: VerifyOptions, plan: Map<string, CheckInstance[]>, inputs: Inputs, collector: Collector): Promise<void> {
  // Loaded here, not at the top: under the vitest runner the suite's runtime loads them itself.
  const [{ HttpClient }, { createRunContext, loadClientsFor, toTarget }] = await Promise.all([import('./http.js'), import('./context.js')]);
  await loadClientsFor(inputs, options.targets.map((t) => t.profile));
  const http = new HttpClient({ timeoutMs: options.timeoutMs, maxBodyBytes: options.maxBodyBytes, connections: options.concurrency });
  try {
    const contexts = new Map(options.targets.map((t) => [t.profile, createRunContext(toTarget(t), options, inputs, http)]));
    const all = [...plan].flatMap(([profile, list]) => list.map((instance) => ({ profile, instance })));
    await pooled(all, options.concurrency, async ({ profile, instance }) => {
      const ctx = contexts.get(profile);
      if (ctx) collector.record(await executeInstance(instance, ctx), profile);
    });
  } finally {
    await http.close();
  }
}

/** A runner made ready before the inputs are read (see `prepareRunner`). */
export interface PreparedRunner {
  /** For vitest: the session being opened; without one, the checks run directly. */
  session?: Promise<VitestSession>;
  /** Release what was prepared when the run does not happen after all (bad input). */
  dispose(): Promise<void>;
}

/**
 * Start loading what the runner needs (vitest and its instance; or the HTTP client), so the
 * caller can let it overlap other start-up work such as reading the inputs on a thread.
 */
export function prepareRunner(runner: Runner, settings: SessionSettings): PreparedRunner {
  if (runner === 'direct') {
    const loaded = Promise.all([import('./http.js'), import('./context.js')]);
    return { dispose: () => loaded.then(() => undefined) };
  }
  const session = VitestSession.open(settings);
  return { session, dispose: () => session.then((s) => s.close()) };
}

/** Run a certification; never throws for target behaviour (InputError for bad configuration). */
export async function certify(options: VerifyOptions, hooks: CertifyHooks = {}): Promise<CertifyOutcome> {
  const t0 = performance.now();
  const startedAt = new Date();
  const prepared = hooks.prepared ?? prepareRunner(hooks.runner ?? 'vitest', options);
  let plan: Map<string, CheckInstance[]>;
  let inputs: Inputs;
  try {
    inputs = hooks.inputs ?? (await import('./load-inputs.js')).loadInputs(options.specsDir, options.contractsDir);
    plan = planRun(inputs, options);
    const unreachable = await probeTargets(
      options.targets.map((t) => t.url),
      options.timeoutMs,
    );
    if (unreachable) {
      await prepared.dispose();
      return { kind: 'unreachable', url: unreachable.url, reason: unreachable.reason, exitCode: 3 };
    }
  } catch (err) {
    await prepared.dispose();
    throw err;
  }
  const t1 = performance.now();
  const collector = new Collector(plan, hooks);
  let why = 'the suite runner stopped before it';
  if (prepared.session) why = (await (await prepared.session).run(options, inputs, (result, profile) => collector.record(result, profile))) ?? why;
  else await runDirect(options, plan, inputs, collector);
  const t2 = performance.now();
  const reports = options.targets.map((t) => buildReport(t.profile, t.url, startedAt, t2 - t0, collector.results(t.profile, why)));
  const exitCode = reports.every((r) => r.verdict === 'conformant') ? 0 : 1;
  return { kind: 'done', reports, exitCode, timings: { planMs: Math.round(t1 - t0), runMs: Math.round(t2 - t1), checksMs: collector.checksMs } };
}
