/**
 * Reading report.json files back (for `diff-reports` and `verify --baseline`): a report.json
 * file, a run folder holding one, or a folder whose subfolders each hold one (a run of several
 * profiles). Each file must pass `report.schema.json`; anything else is one InputError line.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../spec/errors.js';
import type { Report } from './result.js';
import { checkReport } from './validate-report.js';
import { INPUT_LIMITS, readInputJson } from '../spec/read-input.js';

export function readReportFile(file: string): Report {
  const value = readInputJson(file, INPUT_LIMITS.report, 'report');
  const problems = checkReport(value);
  if (problems.length > 0) throw new InputError(`not a callconform report.json: ${problems.slice(0, 3).join('; ')}`, { file });
  return value as Report;
}

/** The report.json files under `path`, per the rules above; an empty folder is an error. */
export function reportFilesAt(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  const own = join(path, 'report.json');
  if (existsSync(own)) return [own];
  const nested = readdirSync(path, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => join(path, e.name, 'report.json'))
    .filter((f) => existsSync(f))
    .sort();
  if (nested.length === 0) throw new InputError('no report.json in this folder or its subfolders', { file: path });
  return nested;
}

/** Every report at `path`; two reports of one profile there is an error (which one would count?). */
export function readReports(path: string): Report[] {
  const reports = reportFilesAt(path).map((file) => ({ file, report: readReportFile(file) }));
  const seen = new Map<string, string>();
  for (const { file, report } of reports) {
    const other = seen.get(report.profile);
    if (other) throw new InputError(`two reports of profile "${report.profile}" (the other is ${other}); give one run folder`, { file });
    seen.set(report.profile, file);
  }
  return reports.map((r) => r.report);
}
