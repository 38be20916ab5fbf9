/**
 * The one I/O function of the report stage: write each profile's report.json, junit.xml,
 * summary.md and report.html into `<dir>/<run-id>/` (run-id = start time + profile, see
 * run-id.ts; a second run in the same second gets `-2`, `-3`, … rather than overwriting).
 * All files of all reports are written or none: a failure (a full disk) removes the folders this
 * call made, and the error names the path. report.json is put in place last, so its presence means
 * the folder is complete.
 * Secrets are redacted once here (the given ones, `CALLCONFORM_TOKEN` from the environment, and
 * credentials in sensitive headers) and again by each renderer.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { writeFilesAtomic } from '../spec/atomic-write.js';
import { renderHtml } from './html.js';
import { renderJunitXml } from './junit.js';
import { redactReport, type RedactionOptions } from './redact.js';
import { renderReportJson } from './report-json.js';
import type { Report } from './result.js';
import { runIdFor, runStamp } from './run-id.js';
import { renderRunIndex } from './run-index.js';
import { renderSummaryMarkdown, type SummaryOptions } from './summary.js';

export interface WrittenReport {
  profile: string;
  runId: string;
  /** `<dir>/<run-id>`. */
  dir: string;
  reportJson: string;
  junitXml: string;
  summaryMd: string;
  reportHtml: string;
}

export interface WriteOptions extends RedactionOptions {
  /** Size limit of each summary.md (default: a GitHub job summary's 1 MiB less headroom). */
  summaryMaxBytes?: number;
  /** Markdown after the run summary's overall verdict (the baseline comparison). */
  summaryPreface?: string;
}

/** Create `<dir>/<runId>` or, when it exists, the first free `<dir>/<runId>-N`. */
function claimRunDir(dir: string, runId: string): { runId: string; path: string } {
  mkdirSync(dir, { recursive: true });
  for (let n = 1; ; n++) {
    const id = n === 1 ? runId : `${runId}-${n}`;
    const path = join(dir, id);
    try {
      mkdirSync(path);
      return { runId: id, path };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || n > 999) throw err;
    }
  }
}

function redactionOf(options: RedactionOptions): RedactionOptions {
  const envToken = process.env.CALLCONFORM_TOKEN;
  return {
    secrets: [...(options.secrets ?? []), ...(envToken ? [envToken] : [])],
    ...(options.sensitiveHeaders ? { sensitiveHeaders: options.sensitiveHeaders } : {}),
  };
}

/** Write the reports (one folder per report, in the given order) and say where they went. */
export function writeReports(dir: string, reports: readonly Report[], options: WriteOptions = {}): WrittenReport[] {
  const redaction = redactionOf(options);
  const claimed: string[] = [];
  const files: [string, string][] = [];
  const lastFiles: [string, string][] = [];
  try {
    const written = reports.map((original): WrittenReport => {
      const report = redactReport(original, redaction);
      const { runId, path } = claimRunDir(dir, runIdFor(report));
      claimed.push(path);
      const where: WrittenReport = {
        profile: report.profile,
        runId,
        dir: path,
        reportJson: join(path, 'report.json'),
        junitXml: join(path, 'junit.xml'),
        summaryMd: join(path, 'summary.md'),
        reportHtml: join(path, 'report.html'),
      };
      const summaryOptions: SummaryOptions = { ...redaction, reportDirs: [path] };
      if (options.summaryMaxBytes !== undefined) summaryOptions.maxBytes = options.summaryMaxBytes;
      files.push(
        [where.junitXml, renderJunitXml(report, redaction)],
        [where.summaryMd, renderSummaryMarkdown([report], summaryOptions)],
        [where.reportHtml, renderHtml(report, redaction)],
      );
      lastFiles.push([where.reportJson, renderReportJson(report, redaction)]);
      return where;
    });
    writeFilesAtomic([...files, ...lastFiles]);
    return written;
  } catch (err) {
    for (const path of claimed) rmSync(path, { recursive: true, force: true });
    throw err;
  }
}

export interface WrittenRun {
  runId: string;
  /** `<dir>/<run-id>`, beside the profiles' folders. */
  dir: string;
  summaryMd: string;
  indexHtml: string;
}

/**
 * The run's own folder `<dir>/<start time>/`: summary.md (what a CI job summary shows: the
 * overall verdict, a row per profile, then every failure) and index.html linking to each
 * profile's report.html. `written` is what `writeReports` returned for the same reports.
 */
export function writeRunSummary(dir: string, reports: readonly Report[], written: readonly WrittenReport[], options: WriteOptions = {}): WrittenRun {
  const redaction = redactionOf(options);
  const safe = reports.map((r) => redactReport(r, redaction));
  const { runId, path } = claimRunDir(dir, runStamp(safe[0]?.startedAt ?? new Date().toISOString()));
  const run: WrittenRun = { runId, dir: path, summaryMd: join(path, 'summary.md'), indexHtml: join(path, 'index.html') };
  const summaryOptions: SummaryOptions = { ...redaction, reportDirs: written.map((w) => w.dir) };
  if (options.summaryMaxBytes !== undefined) summaryOptions.maxBytes = options.summaryMaxBytes;
  if (options.summaryPreface !== undefined) summaryOptions.preface = options.summaryPreface;
  writeFilesAtomic([
    [run.summaryMd, renderSummaryMarkdown(safe, summaryOptions)],
    [run.indexHtml, renderRunIndex(safe, written.map((w) => `../${encodeURIComponent(basename(w.dir))}/report.html`))],
  ]);
  return run;
}
