/**
 * junit.xml: one testcase per result, one testsuite per operation, built with
 * junit-report-builder. Valid against `src/report/junit.xsd` (the Jenkins junit-10 schema plus the
 * testcase `<properties>` that Jenkins' JUnit plugin, GitLab and pytest's xunit1 read).
 *
 * Mapping: pass → passed testcase; fail → `<failure>`; error → `<error>`; skip → `<skipped>`
 * (reason in system-out); warn (a SHOULD requirement not met) → passed testcase whose system-out
 * starts with `WARNING` — JUnit has no warnings and a SHOULD failure must not fail a CI job.
 * Every testcase carries properties: id, check, level, verdict, source (file:line).
 */
import { createRequire } from 'node:module';
import type { Builder } from 'junit-report-builder';
import { redactReport, type RedactionOptions } from './redact.js';
import type { CheckResult, Evidence, Report } from './result.js';
import { byOperation, curlLines, displayValue, idTail, oneLine, showInvisible, sourceRef, truncate } from './text.js';

// The package is CommonJS (`module.exports = builder`); its types declare `export default`.
// Required, not imported: as an ES import of CommonJS, Node first scans it and its lodash for
// export names, which takes longer than writing all the reports (≈ 140 ms against 40 ms).
const junitBuilder = createRequire(import.meta.url)('junit-report-builder') as Builder;

/** Longest evidence block (request or response body, expected, actual) copied into junit.xml. */
const EVIDENCE_CHARS = 8_000;

/**
 * Text made safe for an XML attribute or CDATA section: every XML-forbidden character shown as
 * `\uXXXX`, and `]]>` (which would end a CDATA section; the builder escapes only the first one)
 * broken up as `]]&gt;`.
 */
function xmlSafe(text: string): string {
  return showInvisible(text).replaceAll(']]>', ']]&gt;');
}

function seconds(ms: number): number {
  return Number.isFinite(ms) && ms > 0 ? Number((ms / 1000).toFixed(3)) : 0;
}

/** The classname CI servers group by: dots split packages, so the profile's dots become `_`. */
function className(report: Report, operation: string): string {
  return `callconform.${report.profile.replaceAll('.', '_')}.${operation.replaceAll('.', '_')}`;
}

function exchangeText(label: string, evidence: Evidence): string[] {
  const lines: string[] = [];
  const { request, response } = evidence;
  if (request) {
    lines.push(`${label} request: ${request.method ?? ''} ${request.url ?? ''}`.trimEnd());
    if (request.body !== undefined) lines.push(truncate(displayValue(request.body), EVIDENCE_CHARS));
  }
  if (response) {
    if (response.error !== undefined) lines.push(`${label} response: no response (${response.error})`);
    else lines.push(`${label} response: ${response.status ?? '?'}`);
    for (const [k, v] of Object.entries(response.headers ?? {})) lines.push(`  ${k}: ${v}`);
    if (response.body !== undefined) lines.push(truncate(displayValue(response.body), EVIDENCE_CHARS));
  }
  evidence.more?.forEach((m, i) => lines.push(...exchangeText(`${label}.${i + 1}`, m)));
  return lines;
}

/** The body of a failure, error or warning: what the docs require, what happened, how to reproduce it. */
export function resultDetails(result: CheckResult): string {
  const e = result.evidence;
  const lines = [
    `Requirement (${result.level}): ${result.requirement}`,
    `Docs: ${sourceRef(result.source)}`,
    `Result: ${result.id}`,
    `Message: ${result.message}`,
  ];
  if ('expected' in e) lines.push(`Expected: ${truncate(oneLine(e.expected), EVIDENCE_CHARS)}`);
  if ('actual' in e) lines.push(`Actual: ${truncate(oneLine(e.actual), EVIDENCE_CHARS)}`);
  if (e.decision) lines.push(`Decision ${e.decision.finding} (${sourceRef(e.decision.source)}): ${e.decision.ruling} — ${e.decision.rationale}`);
  for (const curl of curlLines(e)) lines.push(`Reproduce: ${curl}`);
  lines.push(...exchangeText('#1', e));
  return lines.join('\n');
}

/** junit.xml for one report. Secrets are redacted first (see `redactReport`). */
export function renderJunitXml(report: Report, redaction: RedactionOptions = {}): string {
  const safe = redactReport(report, redaction);
  const builder = junitBuilder.newBuilder().name(xmlSafe(`callconform ${safe.profile}`));
  for (const [operation, results] of byOperation(safe.results)) {
    const suite = builder
      .testSuite()
      .name(xmlSafe(`${safe.profile}/${operation}`))
      .timestamp(xmlSafe(safe.startedAt))
      .time(seconds(results.reduce((sum, r) => sum + (Number.isFinite(r.durationMs) ? r.durationMs : 0), 0)))
      .property('profile', xmlSafe(safe.profile))
      .property('operation', xmlSafe(operation))
      .property('target', xmlSafe(safe.target))
      .property('tool', xmlSafe(`${safe.tool.name} ${safe.tool.version}`))
      .property('run-verdict', safe.verdict);
    for (const r of results) {
      const testCase = suite
        .testCase()
        .className(xmlSafe(className(safe, operation)))
        .name(xmlSafe(`${idTail(r)}: ${r.requirement}`))
        .time(seconds(r.durationMs))
        .property('id', xmlSafe(r.id))
        .property('check', r.check)
        .property('level', r.level)
        .property('verdict', r.verdict)
        .property('source', xmlSafe(sourceRef(r.source)));
      const message = xmlSafe(truncate(oneLine(r.message), 1_000));
      if (r.verdict === 'fail') testCase.failure(message, r.check).stacktrace(xmlSafe(resultDetails(r)));
      else if (r.verdict === 'error') testCase.error(message, r.check, xmlSafe(resultDetails(r)));
      else if (r.verdict === 'skip') testCase.skipped().standardOutput(xmlSafe(`SKIPPED: ${r.message}`));
      else if (r.verdict === 'warn') testCase.standardOutput(xmlSafe(`WARNING (${r.level} not met): ${r.message}\n${resultDetails(r)}`));
    }
  }
  return `${builder.build()}\n`;
}
