/**
 * Example values that contradict the declared parameters: a pseudo-value listing the choices
 * (`"notRecording | recording | failed"`) or a type placeholder (`"String"`) where an enum is
 * declared. The example cannot be trusted as a valid request and is left out of the spec.
 */
import type { Finding } from '../../spec/finding.js';
import type { ExampleFact, ParameterFact } from '../../spec/model.js';
import { finding } from '../findings.js';

const PLACEHOLDER = /^(string|int\d*|integer|boolean|double|enumeration|datetimeoffset|guid)$/i;

function walk(value: unknown, visit: (key: string, v: unknown) => void): void {
  if (Array.isArray(value)) value.forEach((v) => walk(v, visit));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      visit(k, v);
      walk(v, visit);
    }
  }
}

function lineOfValue(example: ExampleFact, lines: string[] | undefined, key: string): number {
  if (!lines) return example.source.line;
  const idx = lines.findIndex((l, i) => i + 1 >= example.source.line && l.includes(`"${key}"`));
  return idx >= 0 ? idx + 1 : example.source.line;
}

/** Returns true when the example is sound; otherwise pushes findings and returns false. */
export function checkExampleValues(example: ExampleFact, parameters: ParameterFact[], rawLines: string[], subject: string, findings: Finding[]): boolean {
  let sound = true;
  const byName = new Map(parameters.filter((p) => p.enum).map((p) => [p.name, p]));
  walk(example.json, (key, v) => {
    const param = byName.get(key);
    const values = typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
    for (const value of values) {
      if (!param?.enum || param.enum.values.includes(value)) continue;
      const source = { file: example.source.file, line: lineOfValue(example, rawLines, key) };
      const listed = value.split(/\s*\|\s*/);
      if (listed.length > 1 && listed.every((x) => param.enum!.values.includes(x))) {
        findings.push(finding('example-pseudo-value', `example gives "${key}": "${value}", a list of choices instead of one value; the example is left out of the spec`, source, {
          subject: `${subject}/${key}`,
          action: { kind: 'dropped', detail: 'example left out' },
          data: { parameter: key, value, allowed: param.enum.values },
        }));
      } else if (PLACEHOLDER.test(value)) {
        findings.push(finding('example-placeholder', `example gives "${key}": "${value}", a type placeholder where the enum ${param.enum.values.join(', ')} is declared; the example is left out of the spec`, source, {
          subject: `${subject}/${key}`,
          action: { kind: 'dropped', detail: 'example left out' },
          data: { parameter: key, value, allowed: param.enum.values },
        }));
      } else {
        const casing = param.enum.values.find((x) => x.toLowerCase() === value.toLowerCase());
        const why = casing ? `, which the page spells "${casing}" where it lists the values (${param.enum.values.join(', ')}): the page contradicts itself on the casing` : `, which is not among the documented values ${param.enum.values.join(', ')}`;
        findings.push(finding('example-enum-value', `example gives "${key}": "${value}"${why}; the example is left out of the spec`, source, {
          subject: `${subject}/${key}`,
          action: { kind: 'dropped', detail: 'example left out' },
        }));
      }
      sound = false;
    }
  });
  return sound;
}
