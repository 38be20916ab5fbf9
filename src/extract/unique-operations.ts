/**
 * Operation ids unique per profile without dropping a page. Two pages that describe different
 * operations (another method or other paths) under one id (`mute` from `call-mute.md` and
 * `participant-mute.md`) both get the id qualified by the resource their path acts on
 * (`callMute`, `participantMute`), else by their file name. Ids that collide with nothing stay as
 * they are; the same operation in two formats is not a collision (see `extractFiles`).
 */
import { basename } from 'node:path';
import type { OperationSpec, Spec } from '../spec/model.js';
import { camelCase } from './facts-from-text.js';

/** What makes two specs the same operation: method and path templates. */
function signature(op: OperationSpec): string {
  return `${op.method.value} ${op.paths.map((p) => p.template).sort().join(' ')}`;
}

function candidates(op: OperationSpec): string[] {
  const resource = op.shape?.resource;
  const page = camelCase(basename(op.sources[0] ?? '').replace(/\..*$/, ''));
  const out = resource && !op.operation.toLowerCase().includes(resource.toLowerCase()) ? [camelCase(`${resource} ${op.operation}`)] : [];
  return [...out, ...(page ? [page] : [])];
}

/** Index of each spec (in `specs`) whose id must change → its new id. */
export function qualifiedOperationIds(specs: ReadonlyArray<Spec | undefined>): Map<number, string> {
  const groups = new Map<string, number[]>();
  specs.forEach((s, i) => {
    if (s?.kind !== 'operation') return;
    const key = `${s.profile}/${s.operation}`;
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  const taken = new Set(groups.keys());
  const out = new Map<number, string>();
  for (const members of groups.values()) {
    const ops = members.map((i) => specs[i] as OperationSpec);
    if (new Set(ops.map(signature)).size < 2) continue;
    // Each distinct operation gets one new id; renderings of the same operation share it.
    const bySignature = new Map<string, string>();
    members.forEach((i, k) => {
      const op = ops[k]!;
      const sig = signature(op);
      let id = bySignature.get(sig);
      if (!id) {
        const options = candidates(op).filter((c) => /^[A-Za-z][A-Za-z0-9]*$/.test(c));
        id = options.find((c) => !taken.has(`${op.profile}/${c}`)) ?? `${op.operation}${members.length}`;
        for (let n = 2; taken.has(`${op.profile}/${id}`); n++) id = `${options[0] ?? op.operation}${n}`;
        taken.add(`${op.profile}/${id}`);
        bySignature.set(sig, id);
      }
      out.set(i, id);
    });
  }
  return out;
}
