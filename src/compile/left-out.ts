/**
 * Per-page problems of a build that leave a page's operation out instead of stopping the build:
 *
 * - Without a decisions file (a corpus built as it is, not a governed profile), an error finding
 *   no decision rules on, or an operation left without a single success status, leaves that
 *   operation out of every contract (`left-out` finding, at the page line the problem cites). With
 *   a decisions file the gate refuses the build instead, as the rulings must cover them.
 * - An operation whose interaction Pact's mock server cannot take is left out of the pact
 *   (`pact-refused` finding, at the page's request line); its schemas and OpenAPI stay.
 */
import type { Finding } from '../spec/finding.js';
import type { OperationSpec } from '../spec/model.js';
import { operationOfFinding, type GateProblem } from './decisions-gate.js';
import type { LeftOutOperation } from './pact-write.js';

const keyOf = (op: OperationSpec): string => `${op.profile}/${op.operation}`;

/** The operations the gate's problems concern, left out, each with a finding; problems about no operation stay findings. */
export function leaveOutUnruled(problems: readonly GateProblem[], operations: readonly OperationSpec[]): { operations: OperationSpec[]; findings: Finding[]; left: string[] } {
  const keys = new Set(operations.map(keyOf));
  const findings: Finding[] = [];
  const out = new Set<string>();
  for (const p of problems) {
    const about = p.kind === 'unresolved-status' ? p.subject : operationOfFinding(p.subject);
    const left = about !== undefined && keys.has(about);
    if (left) out.add(about);
    findings.push({
      id: `left-out/${left ? about : p.subject}/${p.kind}`,
      rule: 'left-out',
      severity: 'error',
      message: left ? `${about} is left out of the contracts: ${p.message} (no decisions file rules on it)` : `${p.message} (no decisions file rules on it)`,
      source: p.source,
    });
  }
  return { operations: operations.filter((o) => !out.has(keyOf(o))), findings, left: [...out] };
}

/** One finding per operation Pact could not take. */
export function pactRefusals(profile: string, leftOut: readonly LeftOutOperation[], operations: readonly OperationSpec[]): Finding[] {
  return leftOut.map(({ operation, reason }) => {
    const op = operations.find((o) => o.profile === profile && o.operation === operation);
    return {
      id: `pact-refused/${profile}/${operation}`,
      rule: 'pact-refused',
      severity: 'error',
      message: `${profile}/${operation} is left out of pacts/${profile}.json: ${reason}; check the request this page documents`,
      source: op?.paths.find((p) => !p.deprecated)?.source ?? op?.method.source ?? { file: op?.sources[0] ?? profile, line: 1 },
    };
  });
}
