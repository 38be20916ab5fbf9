/**
 * Path placeholders: each `{…}` of the templates with the collection segment it follows and the
 * resource that segment holds. A placeholder that is repeated in one template
 * (`/communications/calls/{id}/participants/{id}`), offers alternatives (`{id | userPrincipalName}`)
 * or is no plain name is renamed after its segment (`{call-id}`, `{participant-id}`, `{user-id}`);
 * the printed form and the alternatives stay in the fact. Names that were fine stay as printed.
 */
import type { PathFact, PathParameterFact } from '../../spec/model.js';

export interface NamedPlaceholders {
  /** The templates with renamed placeholders. */
  paths: PathFact[];
  /** Every placeholder name, in the order met. */
  pathParameters: string[];
  placeholders: PathParameterFact[];
  /** A template as printed → as renamed (for facts read from the same request lines). */
  renamed: (template: string) => string;
}

const PLAIN_NAME = /^[A-Za-z][\w-]*$/;

/** `participants` → `participant`, `policies` → `policy`, `addresses` → `address`; a segment that is no plural stays. */
export function singular(segment: string): string {
  if (/ies$/.test(segment)) return segment.replace(/ies$/, 'y');
  if (/(ss|us|x|ch|sh)es$/.test(segment)) return segment.replace(/es$/, '');
  if (/[^s]s$/.test(segment)) return segment.slice(0, -1);
  return segment;
}

interface Slot {
  inner: string;
  segment?: string;
}

/** Placeholders of one template, each with the plain segment before it when the placeholder is a whole segment. */
function slotsOf(template: string): Slot[] {
  const segments = template.split('/');
  const out: Slot[] = [];
  segments.forEach((seg, i) => {
    for (const m of seg.matchAll(/\{([^}]*)\}/g)) {
      const prev = segments[i - 1];
      const whole = seg === m[0];
      out.push({ inner: m[1]!, ...(whole && prev && /^[A-Za-z][\w.]*$/.test(prev) ? { segment: prev } : {}) });
    }
  });
  return out;
}

function alternativesOf(inner: string): string[] | undefined {
  const parts = inner.split('|').map((p) => p.trim()).filter(Boolean);
  return parts.length > 1 ? parts : undefined;
}

function rename(template: string): { template: string; facts: Array<Omit<PathParameterFact, 'source'>> } {
  const slots = slotsOf(template);
  const counts = new Map<string, number>();
  for (const s of slots) counts.set(s.inner.trim(), (counts.get(s.inner.trim()) ?? 0) + 1);
  const used = new Set<string>();
  const facts: Array<Omit<PathParameterFact, 'source'>> = [];
  let index = 0;
  const out = template.replace(/\{([^}]*)\}/g, (printed: string, inner: string) => {
    const slot = slots[index++]!;
    const resource = slot.segment ? singular(slot.segment) : undefined;
    const alternatives = alternativesOf(inner);
    const fine = PLAIN_NAME.test(inner) && counts.get(inner) === 1;
    let name = fine ? inner : resource ? `${resource}-id` : inner.replace(/[^\w-]+/g, '-').replace(/^-+|-+$/g, '') || 'param';
    for (let n = 2; used.has(name); n++) name = `${fine ? inner : resource ? `${resource}-id` : 'param'}-${n}`;
    used.add(name);
    facts.push({
      name,
      ...(slot.segment ? { segment: slot.segment, resource } : {}),
      ...(name !== inner ? { documented: printed } : {}),
      ...(alternatives ? { alternatives } : {}),
    });
    return `{${name}}`;
  });
  return { template: out, facts };
}

export function namePlaceholders(paths: PathFact[]): NamedPlaceholders {
  const byTemplate = new Map<string, string>();
  const placeholders: PathParameterFact[] = [];
  const renamedPaths = paths.map((p) => {
    const { template, facts } = rename(p.template);
    byTemplate.set(p.template, template);
    for (const f of facts) if (!placeholders.some((q) => q.name === f.name)) placeholders.push({ ...f, source: p.source });
    return { ...p, template };
  });
  return {
    paths: renamedPaths,
    pathParameters: placeholders.map((p) => p.name),
    placeholders,
    renamed: (t) => byTemplate.get(t) ?? rename(t).template,
  };
}
