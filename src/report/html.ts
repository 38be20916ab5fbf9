/**
 * report.html: a self-contained certificate page for one report. No scripts at all, CSS inline,
 * system fonts, no images — and a Content-Security-Policy that forbids every fetch, so even a
 * rendering bug could not make the page load anything. Collapsible evidence uses `<details>`.
 * Every piece of text is escaped (results carry hostile target output) and invisible or
 * bidirectional control characters are shown as `\uXXXX`.
 */
import { redactReport, type RedactionOptions } from './redact.js';
import type { CheckResult, Citation, Evidence, Report, ResultVerdict, RunVerdict } from './result.js';
import type { Source } from '../spec/model.js';
import {
  byAttention,
  byOperation,
  curlLines,
  displayValue,
  escapeHtml,
  formatDuration,
  oneLine,
  scopeText,
  showInvisible,
  sourceRef,
  truncate,
} from './text.js';

/** Longest evidence block shown (a body, expected, actual, a header list), in characters. */
const EVIDENCE_CHARS = 16_000;
/** Follow-up exchanges shown per result at most. */
const MAX_EXCHANGES = 8;

/** Escaped, visible text. */
export function h(text: string | number): string {
  return escapeHtml(showInvisible(String(text)));
}

export const RUN_LABEL: Record<RunVerdict, string> = {
  conformant: 'Conformant',
  nonconformant: 'Nonconformant',
  error: 'Not judged (errors)',
  partial: 'Partial run — not a certificate',
  'not-judged': 'Not judged — configuration problem',
};
export const RUN_EXPLAIN: Record<RunVerdict, string> = {
  conformant: 'Every MUST requirement that was checked is met.',
  nonconformant: 'At least one MUST requirement of the documentation is not met.',
  error: 'Some checks could not be run to a verdict; no MUST requirement was seen to fail.',
  partial: 'This run was narrowed by a filter or ran no check, so it certifies nothing: no MUST requirement that was checked failed, but not every requirement was checked.',
  'not-judged': "The run's configuration was wrong, so its results say nothing about the implementation; fix it and run again.",
};

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const STYLE = `
:root { color-scheme: light; --ok: #1a7f37; --bad: #cf222e; --warn: #9a6700; --muted: #57606a; --line: #d0d7de; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1f2328; background: #f6f8fa; }
header.banner { padding: 28px 32px; color: #fff; }
.banner-conformant { background: var(--ok); }
.banner-nonconformant { background: var(--bad); }
.banner-error { background: var(--warn); }
.banner-partial, .banner-not-judged { background: #57606a; }
.kicker { margin: 0; text-transform: uppercase; letter-spacing: .08em; font-size: 12px; opacity: .9; }
h1 { margin: 4px 0 6px; font-size: 34px; line-height: 1.2; }
h1 .profile { font-weight: 400; opacity: .9; }
.explain { margin: 0 0 14px; font-size: 16px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 0 0 16px; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
table.counts { border-collapse: collapse; background: rgba(255,255,255,.15); }
table.counts th, table.counts td { padding: 4px 14px; text-align: center; border: 1px solid rgba(255,255,255,.35); }
table.counts td { font-size: 22px; font-weight: 700; }
main { padding: 8px 32px 32px; max-width: 1400px; }
h2 { margin: 28px 0 10px; font-size: 22px; }
h3 { margin: 20px 0 8px; font-size: 18px; }
table.results { width: 100%; border-collapse: collapse; background: #fff; border: 1px solid var(--line); }
table.results th, table.results td { padding: 6px 8px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; overflow-wrap: anywhere; }
table.results thead th { background: #eaeef2; font-size: 13px; white-space: nowrap; overflow-wrap: normal; word-break: keep-all; }
tr.verdict-fail td { background: #ffebe9; }
tr.verdict-error td { background: #fff1e5; }
tr.verdict-warn td { background: #fff8c5; }
tr.verdict-skip td { color: var(--muted); }
tr.evidence-row td { background: #fafbfc; padding-top: 0; }
.badge, .level, td.nowrap, th.nowrap { white-space: nowrap; overflow-wrap: normal; }
.badge { display: inline-block; min-width: 4.2em; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 700; text-align: center; color: #fff; text-transform: uppercase; }
.badge-pass { background: var(--ok); }
.badge-fail { background: var(--bad); }
.badge-error { background: #bc4c00; }
.badge-warn { background: var(--warn); }
.badge-skip { background: var(--muted); }
.level { font-size: 12px; font-weight: 700; color: var(--muted); }
code, pre { font: 13px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; }
pre { margin: 4px 0 10px; padding: 8px 10px; background: #f6f8fa; border: 1px solid var(--line); border-radius: 6px; white-space: pre-wrap; overflow-wrap: anywhere; max-height: 28em; overflow: auto; }
details > summary { cursor: pointer; color: #0969da; margin: 4px 0; }
.kv { margin: 4px 0 8px; border-collapse: collapse; }
.kv th { text-align: left; padding: 2px 12px 2px 0; vertical-align: top; white-space: nowrap; }
.kv td { padding: 2px 0; overflow-wrap: anywhere; }
.muted { color: var(--muted); }
td.docs { min-width: 14em; }
q.quote { display: block; margin-top: 2px; color: var(--muted); font-size: 13px; }
details.passed { margin: 6px 0 0; }
details.passed > table.results { margin-top: 4px; }
footer { padding: 16px 32px 32px; color: var(--muted); font-size: 13px; }
@media print { details { display: block; } details > :not(summary) { display: block; } }
`;

export function badge(verdict: ResultVerdict): string {
  return `<span class="badge badge-${h(verdict)}">${h(verdict)}</span>`;
}

function pre(text: string): string {
  return `<pre>${h(truncate(text, EVIDENCE_CHARS))}</pre>`;
}

function exchange(evidence: Evidence, label: string, budget: { left: number }): string {
  if (budget.left <= 0) return '';
  budget.left--;
  const parts: string[] = [];
  const { request, response } = evidence;
  if (request) {
    parts.push(`<p><strong>${h(label)} request</strong> <code>${h(`${request.method ?? ''} ${request.url ?? ''}`.trim())}</code></p>`);
    const headers = Object.entries(request.headers ?? {});
    if (headers.length > 0) parts.push(pre(headers.map(([k, v]) => `${k}: ${v}`).join('\n')));
    if (request.body !== undefined) parts.push(pre(displayValue(request.body)));
  }
  if (response) {
    parts.push(
      response.error !== undefined
        ? `<p><strong>${h(label)} response</strong> none: <code>${h(truncate(response.error, EVIDENCE_CHARS))}</code></p>`
        : `<p><strong>${h(label)} response</strong> <code>${h(response.status ?? '?')}</code></p>`,
    );
    const headers = Object.entries(response.headers ?? {});
    if (headers.length > 0) parts.push(pre(headers.map(([k, v]) => `${k}: ${v}`).join('\n')));
    if (response.body !== undefined) parts.push(pre(displayValue(response.body)));
  }
  evidence.more?.forEach((m, i) => parts.push(exchange(m, `${label}.${i + 1}`, budget)));
  return parts.join('\n');
}

/** Citations of the report being rendered, by `file:line`. */
type Citations = Readonly<Record<string, Citation>>;

/** Only a plain https address becomes a link (report.json could have been edited by hand). */
const linkable = (url: string | undefined): url is string => url !== undefined && /^https:\/\/[^\s"'<>]+$/.test(url);

/** `file:line`, linked to the published page when its address is known, and the cited line quoted. */
export function citation(source: Source, citations: Citations = {}, quoted = true): string {
  const ref = sourceRef(source);
  const c = citations[ref];
  const code = `<code>${h(ref)}</code>`;
  const link = linkable(c?.url) ? `<a class="cite" href="${h(c.url)}" rel="noreferrer">${code}</a>` : code;
  return quoted && c?.quote ? `${link}<q class="quote">${h(c.quote)}</q>` : link;
}

function evidenceBlock(r: CheckResult, citations: Citations): string {
  const e = r.evidence;
  const rows: string[] = [];
  if ('expected' in e) rows.push(`<tr><th>Expected</th><td><code>${h(truncate(oneLine(e.expected), EVIDENCE_CHARS))}</code></td></tr>`);
  if ('actual' in e) rows.push(`<tr><th>Actual</th><td><code>${h(truncate(oneLine(e.actual), EVIDENCE_CHARS))}</code></td></tr>`);
  if (e.decision) {
    rows.push(
      `<tr><th>Decision</th><td><code>${h(e.decision.finding)}</code> (${citation(e.decision.source, citations, false)}): ${h(e.decision.ruling)} — <span class="muted">${h(e.decision.rationale)}</span></td></tr>`,
    );
  }
  rows.push(`<tr><th>Result id</th><td><code>${h(r.id)}</code></td></tr>`);
  rows.push(`<tr><th>Duration</th><td>${h(formatDuration(r.durationMs))}</td></tr>`);
  const curls = curlLines(e);
  const body = [
    `<table class="kv">${rows.join('')}</table>`,
    curls.length > 0 ? `<p><strong>Reproduce</strong></p>${pre(curls.join('\n'))}` : '',
    exchange(e, 'Exchange 1', { left: MAX_EXCHANGES }),
  ].join('\n');
  // A failure's evidence is what the reader came for: it stays open.
  const failed = r.verdict === 'fail' || r.verdict === 'error';
  return `<details${failed ? ' open' : ''}><summary>${h(failed ? 'Evidence — expected vs actual, curl, exchanges' : 'Evidence')}</summary>\n${body}\n</details>`;
}

function resultRows(r: CheckResult, index: number, citations: Citations): string {
  const cls = `verdict-${h(r.verdict)}`;
  const row =
    `<tr id="r${index}" class="result ${cls}" data-verdict="${h(r.verdict)}" data-check="${h(r.check)}">` +
    `<td>${badge(r.verdict)}</td>` +
    `<td class="nowrap"><code>${h(r.check)}</code></td>` +
    `<td>${h(r.requirement)}</td>` +
    `<td><span class="level">${h(r.level)}</span></td>` +
    `<td>${h(r.message)}</td>` +
    `<td class="docs">${citation(r.source, citations)}</td>` +
    `</tr>`;
  return `${row}\n<tr class="evidence-row ${cls}" data-evidence-for="r${index}"><td></td><td colspan="5">${evidenceBlock(r, citations)}</td></tr>`;
}

const RESULTS_HEAD = '<thead><tr><th>Verdict</th><th>Check</th><th>Requirement</th><th>Level</th><th>Result</th><th>Docs</th></tr></thead>';

/**
 * One operation's results: what needs attention (fail, error, warn) in the open, the passed and
 * skipped ones folded under one line, so a clean report is a page of headings.
 */
function operationSection(operation: string, results: readonly CheckResult[], index: ReadonlyMap<CheckResult, number>, citations: Citations): string {
  const counts = results.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.verdict]: (acc[r.verdict] ?? 0) + 1 }), {});
  const tally = (['pass', 'fail', 'warn', 'skip', 'error'] as const).filter((v) => counts[v]).map((v) => `${counts[v]} ${v}`).join(', ');
  const sorted = byAttention(results);
  const rows = (list: readonly CheckResult[]): string => list.map((r) => resultRows(r, index.get(r) ?? 0, citations)).join('\n');
  const isFolded = (r: CheckResult): boolean => r.verdict === 'pass' || r.verdict === 'skip';
  const open = sorted.filter((r) => !isFolded(r));
  const folded = sorted.filter(isFolded);
  const foldedTally = (['pass', 'skip'] as const).filter((v) => counts[v]).map((v) => `${counts[v]} ${v === 'pass' ? 'passed' : 'skipped'}`).join(', ');
  return (
    `<section class="operation" data-operation="${h(operation)}">\n<h3>${h(operation)} <span class="muted">(${h(tally)})</span></h3>\n` +
    (open.length > 0 ? `<table class="results">${RESULTS_HEAD}<tbody>\n${rows(open)}\n</tbody></table>\n` : '') +
    (folded.length > 0 ? `<details class="passed"><summary>${h(foldedTally)}</summary>\n<table class="results">${RESULTS_HEAD}<tbody>\n${rows(folded)}\n</tbody></table>\n</details>\n` : '') +
    `</section>`
  );
}

function sourcesSection(report: Report): string {
  const files = new Map<string, Set<number>>();
  const add = (file: string, line: number): void => {
    const lines = files.get(file) ?? new Set<number>();
    lines.add(line);
    files.set(file, lines);
  };
  for (const r of report.results) {
    add(r.source.file, r.source.line);
    if (r.evidence.decision) add(r.evidence.decision.source.file, r.evidence.decision.source.line);
  }
  if (files.size === 0) return '<p class="muted">No requirements were checked.</p>';
  const items = [...files.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([file, lines]) => {
      const sorted = [...lines].sort((a, b) => a - b);
      const url = sorted.map((line) => report.citations?.[sourceRef({ file, line })]?.url).find(linkable);
      const name = url ? `<a class="cite" href="${h(url)}" rel="noreferrer"><code>${h(file)}</code></a>` : `<code>${h(file)}</code>`;
      return `<li>${name} — line${lines.size === 1 ? '' : 's'} ${h(sorted.join(', '))}</li>`;
    });
  return `<ul class="sources">${items.join('\n')}</ul>`;
}

/** The document head every callconform page shares: the CSP that forbids every fetch, the inline style. */
export function htmlHead(title: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(title)}</title>
<style>${STYLE}</style>
</head>`;
}

/** report.html for one report. Secrets are redacted first (see `redactReport`). */
export function renderHtml(report: Report, redaction: RedactionOptions = {}): string {
  const safe = redactReport(report, redaction);
  const s = safe.summary;
  const index = new Map<CheckResult, number>(safe.results.map((r, i) => [r, i + 1]));
  const attention = byAttention(safe.results).filter((r) => r.verdict === 'fail' || r.verdict === 'error' || r.verdict === 'warn');

  const attentionHtml =
    attention.length === 0
      ? '<p>No failures, errors or warnings.</p>'
      : `<table class="results attention"><thead><tr><th>Verdict</th><th>Operation</th><th>Check</th><th>Requirement</th><th>Level</th><th>Docs</th></tr></thead><tbody>\n${attention
          .map(
            (r) =>
              `<tr class="attention-row verdict-${h(r.verdict)}" data-verdict="${h(r.verdict)}"><td>${badge(r.verdict)}</td><td class="nowrap">${h(r.operation)}</td><td class="nowrap"><code>${h(r.check)}</code></td>` +
              `<td><a href="#r${index.get(r) ?? 0}">${h(r.requirement)}</a></td><td><span class="level">${h(r.level)}</span></td><td class="docs">${citation(r.source, safe.citations)}</td></tr>`,
          )
          .join('\n')}\n</tbody></table>`;

  const citations = safe.citations ?? {};
  const operations = [...byOperation(safe.results)].map(([operation, results]) => operationSection(operation, results, index, citations)).join('\n');

  return `${htmlHead(`callconform — ${safe.profile}: ${safe.verdict}`)}
<body>
<header class="banner banner-${h(safe.verdict)}" id="verdict" data-verdict="${h(safe.verdict)}">
<p class="kicker">${safe.verdict === 'partial' ? 'callconform partial run — NOT a conformance certificate' : safe.verdict === 'not-judged' ? 'callconform run NOT judged — NOT a conformance certificate' : 'callconform conformance certificate'}</p>
<h1><span class="verdict">${h(RUN_LABEL[safe.verdict] ?? safe.verdict)}</span> <span class="profile">${h(safe.profile)}</span></h1>
<p class="explain">${h(RUN_EXPLAIN[safe.verdict] ?? '')}</p>
${safe.configuration ? `<p class="configuration" data-configuration="${h(safe.configuration.kind)}"><strong>${h(safe.configuration.message)}.</strong> ${h(safe.configuration.hint)}</p>` : ''}
<dl class="facts">
<dt>Target</dt><dd><code>${h(safe.target)}</code></dd>
<dt>Profile</dt><dd>${h(safe.profile)}</dd>
<dt>Started</dt><dd>${h(safe.startedAt)}</dd>
<dt>Duration</dt><dd>${h(formatDuration(safe.durationMs))}</dd>
<dt>Tool</dt><dd>${h(`${safe.tool.name} ${safe.tool.version}`)}</dd>
${safe.scope ? `<dt>Scope</dt><dd data-scope="${safe.scope.narrowed ? 'narrowed' : 'full'}">${h(scopeText(safe.scope))}</dd>` : ''}
</dl>
<table class="counts"><thead><tr><th>Passed</th><th>Failed</th><th>Warned</th><th>Skipped</th><th>Errored</th></tr></thead>
<tbody><tr><td data-count="passed">${h(s.passed)}</td><td data-count="failed">${h(s.failed)}</td><td data-count="warned">${h(s.warned)}</td><td data-count="skipped">${h(s.skipped)}</td><td data-count="errored">${h(s.errored)}</td></tr></tbody></table>
</header>
<main>
<section id="attention">
<h2>Needs attention</h2>
${attentionHtml}
</section>
<section id="operations">
<h2>Results by operation</h2>
${operations || '<p class="muted">No results.</p>'}
</section>
<section id="sources">
<h2>Documentation sources</h2>
<p class="muted">Every requirement above cites the documentation line it was read from, quoted, and links to the published page where its address is known.</p>
${sourcesSection(safe)}
</section>
</main>
<footer>Generated by ${h(`${safe.tool.name} ${safe.tool.version}`)} from the run started ${h(safe.startedAt)}. This page is self-contained: it runs no scripts and loads nothing from the network. MUST failures make a target nonconformant; SHOULD failures are warnings.</footer>
</body>
</html>
`;
}
