/**
 * The drift engine: compare two sets of specs fact by fact and classify every change.
 * Pure: no file system, no git, no clock.
 */
import type { Level, OperationSpec, Source, Spec } from '../spec/model.js';
import { canonicalJson, factsOf, normalizePathTemplate, type Fact, type FactKind } from './facts.js';
import { classify, explain, rules, type FactChange, type Party, type Rule } from './rules.js';

export interface Change {
  /** Id of the rule that classified it (see `rules.ts`). */
  rule: string;
  /** Short name of the change ("maxLength lowered"). */
  title: string;
  /** Why it is breaking or not, and for whom. */
  explanation: string;
  profile: string;
  /** Operation id or resource name. */
  subject: string;
  subjectKind: 'operation' | 'resource';
  /** Readable path of the fact: `request.body.clientContext.maxLength`. */
  fact: string;
  change: 'added' | 'removed' | 'changed';
  /** Value before and after; null when the fact is absent on that side. */
  old: string | null;
  new: string | null;
  /** Where each side states it; for a side without the fact, where the nearest enclosing fact is stated. */
  oldSource: Source | null;
  newSource: Source | null;
  level?: Level;
  class: 'breaking' | 'non-breaking';
  /** Whom it breaks; empty when non-breaking. */
  breaks: Party[];
}

export interface DriftSummary {
  changes: number;
  breaking: number;
  nonBreaking: number;
  breaksClients: number;
  breaksImplementations: number;
}

/**
 * Which facts take part: a doc page compared with the service metadata shares only the kinds of
 * fact both can state (`kinds`), and a fact of `bothSidesOnly` kinds that one side is silent on
 * is not a change. Undefined: every fact, as between two versions of the docs.
 */
export interface ComparedFacts {
  kinds: ReadonlySet<FactKind>;
  bothSidesOnly: ReadonlySet<FactKind>;
}

function subjectKey(spec: Spec): string {
  return spec.kind === 'operation' ? `${spec.profile}/${spec.operation}` : `${spec.profile}/resources/${spec.resource}`;
}

function byKey(facts: Fact[]): Map<string, Fact> {
  const map = new Map<string, Fact>();
  for (const f of facts) if (!map.has(f.key)) map.set(f.key, f);
  return map;
}

/** Source of the fact, or of its nearest ancestor present in `facts`. */
function nearestSource(key: string | undefined, self: Map<string, Fact>, facts: Map<string, Fact>): Source | null {
  let k = key;
  while (k !== undefined) {
    const f = facts.get(k);
    if (f?.source) return f.source;
    k = (f ?? self.get(k))?.parent;
  }
  return null;
}

/** True when an ancestor of the fact is also in `changed` (its change already covers this one). */
function coveredByAncestor(fact: Fact, facts: Map<string, Fact>, changed: Set<string>): boolean {
  let parent = fact.parent;
  while (parent !== undefined) {
    if (changed.has(parent)) return true;
    parent = facts.get(parent)?.parent;
  }
  return false;
}

function toChange(table: readonly Rule[], fc: FactChange, oldFacts: Map<string, Fact>, newFacts: Map<string, Fact>, subject?: Fact): Change {
  const { rule, verdict } = classify(fc, table);
  const present = (fc.new ?? fc.old) as Fact;
  const about = subject ?? present;
  return {
    rule: rule.id,
    title: rule.title,
    explanation: explain(rule, fc.side),
    profile: about.profile,
    subject: about.subject,
    subjectKind: about.subjectKind,
    fact: present.path,
    change: fc.change,
    old: fc.old ? fc.old.display : null,
    new: fc.new ? fc.new.display : null,
    oldSource: fc.old?.source ?? nearestSource(present.near, newFacts, oldFacts) ?? nearestSource(present.parent, newFacts, oldFacts),
    newSource: fc.new?.source ?? nearestSource(present.near, oldFacts, newFacts) ?? nearestSource(present.parent, oldFacts, newFacts),
    ...(present.level ? { level: present.level } : {}),
    class: verdict.breaks.length > 0 ? 'breaking' : 'non-breaking',
    breaks: [...verdict.breaks],
  };
}

/** The facts of `kinds` whose enclosing facts are kept too (a header's `required` goes with the header), renumbered. */
function comparedFacts(facts: Fact[], kinds: ReadonlySet<FactKind>): Fact[] {
  const keys = new Set<string>();
  const out: Fact[] = [];
  for (const f of facts) {
    if (!kinds.has(f.kind) || (f.parent !== undefined && !keys.has(f.parent))) continue;
    keys.add(f.key);
    out.push({ ...f, order: out.length });
  }
  return out;
}

/** Changes between two versions of one subject (same operation or resource). */
function diffPair(table: readonly Rule[], oldSpec: Spec, newSpec: Spec, compared?: ComparedFacts): Change[] {
  const kept = (spec: Spec): Fact[] => (compared ? comparedFacts(factsOf(spec), compared.kinds) : factsOf(spec));
  const oldList = kept(oldSpec);
  const newList = kept(newSpec);
  const oldFacts = byKey(oldList);
  const newFacts = byKey(newList);
  const added = new Set([...newFacts.keys()].filter((k) => !oldFacts.has(k)));
  const removed = new Set([...oldFacts.keys()].filter((k) => !newFacts.has(k)));
  const found: { change: FactChange; order: number }[] = [];

  for (const f of newFacts.values()) {
    const before = oldFacts.get(f.key);
    if (!before) {
      if (!coveredByAncestor(f, newFacts, added) && !compared?.bothSidesOnly.has(f.kind)) found.push({ change: { change: 'added', kind: f.kind, side: f.side, new: f }, order: f.order });
    } else if (canonicalJson(before.value) !== canonicalJson(f.value) || (f.key === 'operation' && before.subject !== f.subject)) {
      found.push({ change: { change: 'changed', kind: f.kind, side: f.side, old: before, new: f }, order: f.order });
    }
  }
  for (const f of oldFacts.values()) {
    if (newFacts.has(f.key) || coveredByAncestor(f, oldFacts, removed) || compared?.bothSidesOnly.has(f.kind)) continue;
    // Place a removed fact right after the surviving fact that preceded it.
    const anchor = oldList.slice(0, f.order).reverse().find((o) => newFacts.has(o.key));
    found.push({ change: { change: 'removed', kind: f.kind, side: f.side, old: f }, order: (anchor ? (newFacts.get(anchor.key)?.order ?? 0) : -1) + 0.5 });
  }
  found.sort((a, b) => a.order - b.order);
  const subject = newList[0];
  const reported = found.filter(({ change }) => !restatesOtherChanges(change, found.map((f) => f.change), oldFacts, newFacts));
  return reported.map(({ change }) => {
    const c = toChange(table, change, oldFacts, newFacts, subject);
    if (change.kind === 'operation' && change.change === 'changed' && change.old && change.new) {
      // A renamed operation: show the ids, which are what changed.
      c.old = change.old.subject;
      c.new = change.new.subject;
    }
    return c;
  });
}

function words(text: string): string[] {
  return text.split(/[^A-Za-z0-9_.{}$@#-]+/).map((w) => w.replace(/\.+$/, '')).filter((w) => w !== '');
}

/** Words in `a` that are not in `b` (as multisets). */
function wordsMissing(a: string[], b: string[]): string[] {
  const left = [...b];
  return a.filter((w) => {
    const i = left.indexOf(w);
    if (i < 0) return true;
    left.splice(i, 1);
    return false;
  });
}

function isUnder(fact: Fact, ancestor: string, facts: Map<string, Fact>): boolean {
  let parent = fact.parent;
  while (parent !== undefined) {
    if (parent === ancestor) return true;
    parent = facts.get(parent)?.parent;
  }
  return false;
}

/**
 * A description whose only edits are the values another change already reports ("Max limit
 * is 256 chars" → "128 chars" next to maxLength 256 → 128) adds nothing: it is left out.
 */
function restatesOtherChanges(change: FactChange, all: FactChange[], oldFacts: Map<string, Fact>, newFacts: Map<string, Fact>): boolean {
  if (change.kind !== 'description' || !change.old || !change.new) return false;
  const owner = change.new.parent;
  if (owner === undefined) return false;
  const values = new Set<string>();
  for (const other of all) {
    if (other === change) continue;
    const o = other.new ?? other.old;
    if (!o || !(o.key === owner || isUnder(o, owner, other.new ? newFacts : oldFacts))) continue;
    for (const f of [other.old, other.new]) if (f) for (const w of words(f.display)) values.add(w);
  }
  if (values.size === 0) return false;
  const before = words(String(change.old.value));
  const after = words(String(change.new.value));
  const edits = [...wordsMissing(before, after), ...wordsMissing(after, before)];
  return edits.length > 0 && edits.every((w) => values.has(w));
}

function wholeSpec(table: readonly Rule[], spec: Spec, change: 'added' | 'removed'): Change {
  const root = factsOf(spec)[0] as Fact;
  const fc: FactChange = change === 'added' ? { change, kind: root.kind, side: root.side, new: root } : { change, kind: root.kind, side: root.side, old: root };
  const empty = new Map<string, Fact>();
  return toChange(table, fc, empty, empty);
}

/** An operation removed and one added with the same method and a common path: the same operation renamed. */
function sameOperation(a: OperationSpec, b: OperationSpec): boolean {
  if (a.profile !== b.profile || a.method.value !== b.method.value) return false;
  const paths = new Set(a.paths.map((p) => normalizePathTemplate(p.template)));
  return b.paths.some((p) => paths.has(normalizePathTemplate(p.template)));
}

function subjectOrder(a: Spec, b: Spec): number {
  const ka = `${a.profile}\u0000${a.kind === 'operation' ? '0' : '1'}${subjectKey(a)}`;
  const kb = `${b.profile}\u0000${b.kind === 'operation' ? '0' : '1'}${subjectKey(b)}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/**
 * Every change from `oldSpecs` to `newSpecs`, classified. Operations and resources are
 * matched by profile and id; a fact is matched by what it is about, never by its line.
 * `table` is the rule table (its order does not matter; tests pass it shuffled).
 */
export function diffSpecs(oldSpecs: readonly Spec[], newSpecs: readonly Spec[], table: readonly Rule[] = rules, compared?: ComparedFacts): Change[] {
  const oldByKey = new Map(oldSpecs.map((s) => [subjectKey(s), s] as const));
  const newByKey = new Map(newSpecs.map((s) => [subjectKey(s), s] as const));
  const pairs: [Spec | undefined, Spec | undefined][] = [];
  for (const [key, s] of oldByKey) pairs.push([s, newByKey.get(key)]);
  for (const [key, s] of newByKey) if (!oldByKey.has(key)) pairs.push([undefined, s]);

  // Pair operations whose id changed but whose method and path did not.
  for (const gone of pairs.filter((p) => p[1] === undefined)) {
    const old = gone[0];
    if (old?.kind !== 'operation') continue;
    const match = pairs.find((p) => p[0] === undefined && p[1]?.kind === 'operation' && sameOperation(old, p[1]));
    if (match) {
      gone[1] = match[1];
      pairs.splice(pairs.indexOf(match), 1);
    }
  }

  pairs.sort((a, b) => subjectOrder((a[1] ?? a[0]) as Spec, (b[1] ?? b[0]) as Spec));
  const changes: Change[] = [];
  for (const [o, n] of pairs) {
    if (o && n) changes.push(...diffPair(table, o, n, compared));
    else if (o) changes.push(wholeSpec(table, o, 'removed'));
    else if (n) changes.push(wholeSpec(table, n, 'added'));
  }
  return changes;
}

export function summarize(changes: readonly Change[]): DriftSummary {
  const breaking = changes.filter((c) => c.class === 'breaking');
  return {
    changes: changes.length,
    breaking: breaking.length,
    nonBreaking: changes.length - breaking.length,
    breaksClients: breaking.filter((c) => c.breaks.includes('clients')).length,
    breaksImplementations: breaking.filter((c) => c.breaks.includes('implementations')).length,
  };
}

export type FailOn = 'breaking' | 'any' | 'none';

/** Exit code of `drift`: 1 when a change of the kind named by `--fail-on` is found, else 0. */
export function driftExitCode(changes: readonly Change[], failOn: FailOn): 0 | 1 {
  if (failOn === 'none') return 0;
  if (failOn === 'any') return changes.length > 0 ? 1 : 0;
  return changes.some((c) => c.class === 'breaking') ? 1 : 0;
}
