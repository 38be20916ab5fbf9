/**
 * Run ids name the folder a profile's reports go to: `reports/<run-id>/`. One folder per profile
 * and run, so report.json keeps DESIGN.md's single `profile` field:
 * `20261123-120501-graph-v1.0` = start time in UTC (second precision) + profile.
 */
import type { Report } from './result.js';

/** A profile name reduced to characters that are safe in a folder name on every platform. */
export function safePathSegment(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^[.-]+/, '');
  return cleaned.slice(0, 80) || 'profile';
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** `20261123-120501`: the start time in UTC, second precision; names the folder of a whole run's summary. */
export function runStamp(startedAt: string): string {
  const t = new Date(startedAt);
  return Number.isNaN(t.getTime())
    ? '00000000-000000'
    : `${pad(t.getUTCFullYear(), 4)}${pad(t.getUTCMonth() + 1)}${pad(t.getUTCDate())}-${pad(t.getUTCHours())}${pad(t.getUTCMinutes())}${pad(t.getUTCSeconds())}`;
}

/** `20261123-120501-graph-v1.0` from the report's `startedAt` and `profile`. */
export function runIdFor(report: Pick<Report, 'startedAt' | 'profile'>): string {
  return `${runStamp(report.startedAt)}-${safePathSegment(report.profile)}`;
}
