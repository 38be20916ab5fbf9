/**
 * The decisions gate of `build`: every error-level finding needs a decision, every decision
 * must cite a finding that still exists, and every operation needs one success status.
 */
import type { Decision } from '../spec/decisions.js';
import { requiredStatus } from '../spec/decisions.js';
import type { Finding } from '../spec/finding.js';
import type { OperationSpec, ResourceSpec, Source } from '../spec/model.js';

export type GateProblemKind = 'unresolved-finding' | 'stale-decision' | 'unknown-operation' | 'wrong-operation' | 'unresolved-status';

export interface GateProblem {
  kind: GateProblemKind;
  /** The finding or decision concerned. */
  subject: string;
  message: string;
  source: Source;
}

/** `rule/profile/operation[/subject]` → `profile/operation` (undefined for other shapes). */
export function operationOfFinding(id: string): string | undefined {
  const parts = id.split('/');
  return parts.length >= 3 ? `${parts[1]}/${parts[2]}` : undefined;
}

export function checkDecisions(findings: readonly Finding[], decisions: readonly Decision[], operations: readonly OperationSpec[], resources: readonly ResourceSpec[] = []): GateProblem[] {
  const problems: GateProblem[] = [];
  const findingIds = new Set(findings.map((f) => f.id));
  // A ruling on a resource's property (an enum its sources spell differently) names the resource.
  const opKeys = new Set([...operations.map((o) => `${o.profile}/${o.operation}`), ...resources.map((r) => `${r.profile}/${r.resource}`)]);
  const seen = new Set<string>();
  for (const f of findings) {
    if (f.severity !== 'error' || seen.has(f.id)) continue;
    seen.add(f.id);
    if (!decisions.some((d) => d.finding === f.id)) {
      problems.push({
        kind: 'unresolved-finding',
        subject: f.id,
        message: `error-level finding ${f.id} has no decision: ${f.message}`,
        source: f.source,
      });
    }
  }
  for (const d of decisions) {
    if (!findingIds.has(d.finding)) {
      problems.push({
        kind: 'stale-decision',
        subject: d.finding,
        message: `stale decision: finding ${d.finding} no longer exists (the docs or the extractor changed); remove or update the ruling`,
        source: d.source,
      });
      continue;
    }
    if (!opKeys.has(d.operation)) {
      problems.push({ kind: 'unknown-operation', subject: d.finding, message: `decision names ${d.operation}, which no spec describes`, source: d.source });
      continue;
    }
    const about = operationOfFinding(d.finding);
    if (about && opKeys.has(about) && about !== d.operation) {
      problems.push({ kind: 'wrong-operation', subject: d.finding, message: `decision names operation ${d.operation} but finding ${d.finding} is about ${about}`, source: d.source });
    }
  }
  for (const op of operations) {
    if (requiredStatus(op, [...decisions])) continue;
    const s = op.response.statusFromProse ?? op.response.statusFromExample;
    problems.push({
      kind: 'unresolved-status',
      subject: `${op.profile}/${op.operation}`,
      message: `${op.profile}/${op.operation} has no single success status (${[op.response.statusFromProse, op.response.statusFromExample]
        .filter((x) => x)
        .map((x) => x!.code)
        .join(' vs ') || 'none documented'}); add a decision with successStatus`,
      source: s?.source ?? { file: op.sources[0] ?? 'specs', line: 1 },
    });
  }
  return problems;
}
