/**
 * Configuration mistakes told apart from a broken implementation. While the checks run, the run
 * context tallies what the target said to the requests that carried credentials, to the state
 * URL and to the paths holding a fixed `--call-id` / `--param` id. When the whole run points at
 * the configuration — every credentialed request refused, no provider state ever set up, a fixed
 * id that every request finds missing — the results say nothing about the implementation: the
 * run is `not-judged` (exit 2) with a hint at the flag to fix.
 */
import type { ConfigurationProblem } from '../report/result.js';

interface Tally {
  sent: number;
  /** Answered 401/403. */
  refused: number;
}

export interface StateFailure {
  status?: number;
  message: string;
}

export interface RunObservations {
  /** A request to an operation: whether it carried credentials, and the status that came back (none for no response). */
  request(url: string, credentialed: boolean, status: number | undefined): void;
  /** A provider state asked of the state URL: set up (no failure), or why not (with the status when it answered). */
  state(failure?: StateFailure): void;
  /** The configuration problem the tallies show, if any. */
  problem(): ConfigurationProblem | undefined;
}

export interface ObservedConfiguration {
  /** A token or a secret header was given. */
  credentials: boolean;
  stateUrl?: string;
  /** Fixed ids by state key (`callId` from `--call-id`). */
  params?: Readonly<Record<string, string>>;
}

/** A state answer that points at the URL rather than the target: 404/405, or a 2xx not in the documented shape. */
const wrongStateUrl = (f: StateFailure): boolean => f.status !== undefined && (f.status === 404 || f.status === 405 || (f.status >= 200 && f.status < 300));

/** The problem a state URL's wrong answer shows, for `verify` and `pact-verify` alike; undefined when the answer is the target's own failure. */
export function stateUrlProblem(stateUrl: string, failure: StateFailure): ConfigurationProblem | undefined {
  if (!wrongStateUrl(failure)) return undefined;
  const notThere = failure.status === 404 || failure.status === 405;
  return {
    kind: 'state-url',
    message: `no provider state could be set up: ${failure.message}`,
    hint: notThere
      ? `${stateUrl} is not a state handler (it answered ${failure.status}); check --state-url: the target's provider-state endpoint takes POST {"state","params","action":"setup"} (docs/target-contract.md)`
      : `check --state-url: ${stateUrl} must answer POST {"state","params","action":"setup"} with 200 and a JSON object holding an id per parameter (docs/target-contract.md)`,
  };
}

const tally = (): Tally => ({ sent: 0, refused: 0 });
const all = (t: Tally): boolean => t.sent > 0 && t.refused === t.sent;

/** The flag a fixed id came from. */
function paramFlag(key: string, value: string): string {
  return key === 'callId' ? `--call-id ${value}` : `--param ${key}=${value}`;
}

export function observeRun(config: ObservedConfiguration): RunObservations {
  const answered = tally();
  // Invalid requests may be refused before the id is looked up (400, 415): only 404s and successes tell.
  const byParam = new Map<string, { notFound: number; succeeded: number }>(Object.keys(config.params ?? {}).map((k) => [k, { notFound: 0, succeeded: 0 }]));
  let statesOk = 0;
  const stateFailures: StateFailure[] = [];
  const segmentsOf = (url: string): Set<string> => {
    try {
      return new Set(new URL(url).pathname.split('/').map((s) => decodeURIComponent(s)));
    } catch {
      return new Set();
    }
  };
  return {
    request(url, credentialed, status) {
      if (status === undefined) return;
      // Without credentials given, every request counts: a target that refuses them all demands a token.
      if (credentialed || !config.credentials) {
        answered.sent++;
        if (status === 401 || status === 403) answered.refused++;
      }
      const segments = segmentsOf(url);
      for (const [key, t] of byParam) {
        if (!segments.has(config.params![key]!)) continue;
        if (status === 404) t.notFound++;
        else if (status >= 200 && status < 300) t.succeeded++;
      }
    },
    state(failure) {
      if (failure) stateFailures.push(failure);
      else statesOk++;
    },
    problem() {
      // A state URL that hangs, resets or answers 5xx is the target misbehaving (the checks report it);
      // one that says it is not there, or answers success in another shape, is the wrong URL.
      if (config.stateUrl && statesOk === 0 && stateFailures.length > 0 && stateFailures.every(wrongStateUrl)) return stateUrlProblem(config.stateUrl, stateFailures[0]!);
      if (all(answered)) {
        return config.credentials
          ? { kind: 'credentials', message: `every request that carried credentials (${answered.sent}) was refused with 401/403`, hint: 'check --token (or CALLCONFORM_TOKEN) and any --secret-header: the target does not accept them (expired, wrong tenant or audience, missing scope?)' }
          : { kind: 'credentials', message: `no token was given and every request (${answered.sent}) was refused with 401/403`, hint: 'the target demands credentials: give --token (or set CALLCONFORM_TOKEN; on a fork pull request the secret is empty)' };
      }
      for (const [key, t] of byParam) {
        if (t.succeeded > 0 || t.notFound === 0) continue;
        const flag = paramFlag(key, config.params![key]!);
        return {
          kind: 'fixed-id',
          message: `${flag} names nothing on the target: no request to it succeeded and ${t.notFound} answered 404`,
          hint: `check ${flag.split(' ')[0]}: give the id of a resource that exists on the target (or --state-url for fresh ones); if it does exist, the operations on it answer 404`,
        };
      }
      return undefined;
    },
  };
}
