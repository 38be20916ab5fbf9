/**
 * The result of a certification run, exactly as `report.json` carries it (DESIGN.md
 * "report.json"; other tools read it, so this shape is stable).
 */
import type { Level, Source } from '../spec/model.js';

/**
 * The check vocabulary, in report order. Every other list of check names (the checks' index,
 * `--only`, report.schema.json) derives from this one or is tested against it.
 */
export const CHECK_NAMES = [
  'status-code',
  'location-header',
  'operation-resource',
  'response-schema',
  'enum',
  'max-length',
  'required',
  'content-type',
  'auth',
  'not-found',
  'notification',
  'robustness',
] as const;

export type CheckName = (typeof CHECK_NAMES)[number];

export const RESULT_VERDICTS = ['pass', 'fail', 'warn', 'skip', 'error'] as const;

export type ResultVerdict = (typeof RESULT_VERDICTS)[number];

/** One HTTP exchange (or CometD message) as evidence. Tokens are redacted before they get here. */
export interface Evidence {
  request?: {
    method?: string;
    url?: string;
    headers?: Record<string, string>;
    body?: unknown;
    /** A curl line that reproduces the request (token replaced by `$CALLCONFORM_TOKEN`). */
    curl?: string;
  };
  response?: {
    status?: number;
    headers?: Record<string, string>;
    /** Parsed JSON when it parsed, else text (truncated). */
    body?: unknown;
    /** Error instead of a response (timeout, reset, size cap). */
    error?: string;
  };
  /** Further exchanges of the same check (GET of the Location, the second request, messages). */
  more?: Evidence[];
  /** A ruling from specs/decisions.yaml that shaped this check. */
  decision?: { finding: string; ruling: string; rationale: string; source: Source };
  /** What was expected and what was received, as data. */
  expected?: unknown;
  actual?: unknown;
}

export interface CheckResult {
  /** `<profile>/<operation>/<check>/<instance>`: stable across runs. */
  id: string;
  operation: string;
  check: CheckName;
  /** What the docs require, in one sentence. */
  requirement: string;
  level: Level;
  verdict: ResultVerdict;
  message: string;
  source: Source;
  evidence: Evidence;
  durationMs: number;
}

/**
 * `not-judged`: the run's configuration was wrong (credentials refused everywhere, no provider
 * state ever set up, a fixed id that names nothing), so its results say nothing about the target.
 * `partial`: no MUST failed and every check was judged, but the run was narrowed by a filter
 * (`--only`, `--operation`, `--exclude-operation`) or ran no check at all, so it certifies nothing.
 */
export const RUN_VERDICTS = ['conformant', 'nonconformant', 'error', 'partial', 'not-judged'] as const;

export type RunVerdict = (typeof RUN_VERDICTS)[number];

/** Why a run is `not-judged`: what pointed at the configuration, and which flag to look at. */
export interface ConfigurationProblem {
  kind: 'credentials' | 'state-url' | 'fixed-id';
  message: string;
  hint: string;
}

/** The filters a run was narrowed by, as given. */
export interface RunFilters {
  only?: CheckName[];
  operations?: string[];
  excludeOperations?: string[];
}

/** Per check name: how many instances the run planned, left out by filters, ran and skipped. */
export interface CheckScope {
  check: CheckName;
  planned: number;
  excluded: number;
  ran: number;
  skipped: number;
  /** Why instances were skipped (their messages, each once). */
  skipReasons?: string[];
}

/** What a run was asked to check and what it did: part of the verdict (a narrowed run is `partial`). */
export interface RunScope {
  filters: RunFilters;
  /** True when the filters left out instances that the unfiltered plan has, or the run stopped early. */
  narrowed: boolean;
  /** The run stopped starting checks after `maxFailures` failed or errored (`--max-failures`, `--fail-fast`); `notRun` planned instances never ran. */
  stopped?: { maxFailures: number; notRun: number };
  planned: number;
  excluded: number;
  ran: number;
  skipped: number;
  checks: CheckScope[];
}

/** A folder a run read, with the SHA-256 of each file by its `/`-separated relative path. */
export interface InputFolder {
  path: string;
  files: Record<string, string>;
}

/** What a report shows for one doc citation: the page's published address and the cited line, quoted. */
export interface Citation {
  url?: string;
  quote?: string;
}

export interface Report {
  tool: { name: 'callconform'; version: string };
  target: string;
  profile: string;
  startedAt: string;
  durationMs: number;
  verdict: RunVerdict;
  summary: { passed: number; failed: number; warned: number; skipped: number; errored: number };
  /** What the run covered (absent in reports of callconform before 0.1.0's scope). */
  scope?: RunScope;
  /** Present when the verdict is `not-judged`: the configuration problem the results show. */
  configuration?: ConfigurationProblem;
  /** The specs and contracts the run was computed from. */
  inputs?: { specs: InputFolder; contracts: InputFolder };
  /** By `file:line` of the results' sources (and their decisions'): where the page is published and what the line says. */
  citations?: Record<string, Citation>;
  results: CheckResult[];
}
