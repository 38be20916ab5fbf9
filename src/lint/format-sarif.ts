/**
 * SARIF 2.1.0 output for code-scanning UIs: one run, the rule catalogue as `tool.driver.rules`,
 * one result per finding with its physical location. A finding that knows its exact columns and
 * replacement text (a did-you-mean, a recounted Content-Length, a backslash) carries a SARIF
 * `fix`; what extraction repaired or dropped is in the result's `properties`. A finding that
 * specs/decisions.yaml rules on carries an accepted external `suppression` citing the ruling.
 */
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ArtifactLocation, Fix, Log, ReportingDescriptor, Result, Suppression } from 'sarif';
import type { Finding, Severity } from '../spec/finding.js';
import { ruleCatalogue, ruleInfo } from './catalogue.js';
import type { Rulings } from './index.js';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

const LEVEL: Record<Severity, Result.level> = { error: 'error', warning: 'warning', note: 'note' };

/** Repository-relative paths stay relative (against %SRCROOT%); absolute paths become file: URIs. */
export function artifactLocation(file: string): ArtifactLocation {
  if (isAbsolute(file)) return { uri: pathToFileURL(file).href };
  return { uri: file.split('\\').join('/').split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

/** `CamelCase` name of a rule id, as SARIF viewers show it. */
const ruleName = (id: string): string => id.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());

function descriptor(id: string, severity: Severity): ReportingDescriptor {
  const info = ruleInfo(id, severity);
  return {
    id,
    name: ruleName(id),
    shortDescription: { text: info.description },
    defaultConfiguration: { level: LEVEL[info.severity] },
    properties: { stage: info.stage },
  };
}

function fixOf(f: Finding): Fix | undefined {
  const { column, endColumn, replacement } = f.data ?? {};
  if (typeof column !== 'number' || typeof endColumn !== 'number' || typeof replacement !== 'string') return undefined;
  return {
    description: { text: `replace with ${replacement}` },
    artifactChanges: [
      {
        artifactLocation: artifactLocation(f.source.file),
        replacements: [{ deletedRegion: { startLine: f.source.line, startColumn: column, endColumn }, insertedContent: { text: replacement } }],
      },
    ],
  };
}

function result(f: Finding, ruleIndex: number, rulings: Rulings): Result {
  const ruling = rulings.get(f.id);
  const suppression: Suppression | undefined = ruling && {
    kind: 'external',
    status: 'accepted',
    justification: ruling.ruling,
    location: { physicalLocation: { artifactLocation: artifactLocation(ruling.source.file), region: { startLine: ruling.source.line } } },
  };
  const column = typeof f.data?.column === 'number' ? f.data.column : undefined;
  const endColumn = typeof f.data?.endColumn === 'number' ? f.data.endColumn : undefined;
  const fix = fixOf(f);
  return {
    ruleId: f.rule,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifactLocation(f.source.file),
          region: { startLine: f.source.line, ...(column ? { startColumn: column } : {}), ...(column && endColumn ? { endColumn } : {}) },
        },
      },
    ],
    ...(f.related?.length
      ? {
          relatedLocations: f.related.map((r, id) => ({
            id,
            physicalLocation: { artifactLocation: artifactLocation(r.source.file), region: { startLine: r.source.line } },
            message: { text: r.message },
          })),
        }
      : {}),
    partialFingerprints: { 'callconformFindingId/v1': f.id },
    ...(fix ? { fixes: [fix] } : {}),
    ...(suppression ? { suppressions: [suppression] } : {}),
    properties: { findingId: f.id, ...(f.action ? { action: f.action } : {}), ...(f.data ? { data: f.data } : {}) },
  };
}

export function sarifLog(findings: Finding[], version: string, rulings: Rulings = new Map()): Log {
  const ids = [...ruleCatalogue.map((r) => r.id)];
  for (const f of findings) if (!ids.includes(f.rule)) ids.push(f.rule);
  const severityOf = (id: string): Severity => findings.find((f) => f.rule === id)?.severity ?? 'warning';
  const rules = ids.map((id) => descriptor(id, severityOf(id)));
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'callconform', version, semanticVersion: version, rules } },
        columnKind: 'utf16CodeUnits',
        results: findings.map((f) => result(f, ids.indexOf(f.rule), rulings)),
      },
    ],
  };
}

export function formatSarif(findings: Finding[], version: string, rulings: Rulings = new Map()): string {
  return `${JSON.stringify(sarifLog(findings, version, rulings), null, 2)}\n`;
}
