/** Text output: one finding a line, `file:line:col severity rule-id message`, as compilers print them. */
import type { Finding } from '../spec/finding.js';
import type { Rulings } from './index.js';

export function columnOf(f: Finding): number {
  return typeof f.data?.column === 'number' ? f.data.column : 1;
}

/** What extraction did about it, as a suffix of the message. */
function actionText(f: Finding): string {
  return f.action ? ` [${f.action.kind}: ${f.action.detail}]` : '';
}

export function formatText(findings: Finding[], rulings: Rulings = new Map()): string {
  return findings
    .map((f) => {
      const ruling = rulings.get(f.id);
      // An error needs a ruling in specs/decisions.yaml, which cites the finding by id.
      const id = ruling ? ` [ruled on: ${ruling.source.file}:${ruling.source.line}]` : f.severity === 'error' ? ` (finding id: ${f.id})` : '';
      return `${f.source.file}:${f.source.line}:${columnOf(f)} ${f.severity} ${f.rule} ${f.message}${actionText(f)}${id}\n`;
    })
    .join('');
}
