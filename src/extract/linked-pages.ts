/**
 * The resource and enum pages a profile needs: for each type a spec names (a body parameter's
 * or property's type, the response body's resource), the page's own link to it, resolved from
 * where the page sits (`../resources/presence.md`), else `<resources>/<type>.md` where
 * `resources` is the folder given (`--resources DIR`) or the corpus layout next to the page
 * (`../resources/`). Enum types resolve to their page or to `enums.md` there. A type that
 * resolves to no file is a finding naming the link and the line.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Finding } from '../spec/finding.js';
import type { Source, Spec } from '../spec/model.js';
import { finding } from './findings.js';
import type { Page } from './page-model.js';

export interface TypeReference {
  type: string;
  source: Source;
}

/** Types a spec refers to (relationships are navigation, not embedded, and are not followed). */
export function referencedTypes(spec: Spec): TypeReference[] {
  const fields = spec.kind === 'resource' ? spec.properties.filter((p) => !p.relationship) : (spec.request.body?.parameters ?? []);
  const out: TypeReference[] = fields.flatMap((f) => (f.resource && !f.enum ? [{ type: f.resource, source: f.source }] : []));
  if (spec.kind === 'operation' && spec.response.body?.resource) out.push({ type: spec.response.body.resource, source: spec.response.body.source });
  return out;
}

const isFile = (f: string): boolean => existsSync(f) && statSync(f).isFile();

/** A relative link target on disk (`../resources/x.md#frag` from the page's folder), when it is a page. */
function linkedFile(page: Page, type: string): { href: string; file?: string } | undefined {
  const link = page.links?.find((l) => l.text.toLowerCase() === type.toLowerCase() && !/^([a-z]+:|\/|#)/i.test(l.href));
  if (!link) return undefined;
  const target = resolve(dirname(page.file), link.href.split('#')[0]!);
  return { href: link.href, ...(/\.md$/i.test(target) && isFile(target) ? { file: target } : {}) };
}

/** Where resource pages are looked for when a page gives no usable link. */
export function resourcesFolder(page: Page, resourcesDir: string | undefined): string {
  return resourcesDir ?? join(dirname(page.file), '..', 'resources');
}

export type Resolution = { file: string } | { finding: Finding };

export function resolveType(page: Page, ref: TypeReference, resourcesDir: string | undefined): Resolution {
  const linked = linkedFile(page, ref.type);
  if (linked?.file) return { file: linked.file };
  const folder = resourcesFolder(page, resourcesDir);
  const byName = join(folder, `${ref.type.toLowerCase()}.md`);
  if (isFile(byName)) return { file: byName };
  const why = linked ? `its link ${linked.href} names no page` : 'the page does not link it';
  return {
    finding: finding('unresolved-type', `type ${ref.type} has no resource page: ${why}, and ${byName} does not exist (pass --resources DIR)`, ref.source, { subject: ref.type, data: { type: ref.type, ...(linked ? { link: linked.href } : {}) } }),
  };
}

/** Shared enum pages of the resource folders in use (`enums.md`, `enums-*.md`) that exist. */
export function enumPagesNear(folders: Iterable<string>, present: (file: string) => boolean = isFile): string[] {
  const out: string[] = [];
  for (const folder of folders) {
    const f = resolve(folder, 'enums.md');
    if (present(f)) out.push(f);
  }
  return out;
}
