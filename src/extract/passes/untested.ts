/**
 * Statements that no check can observe through the API, kept with their source so the report
 * shows what part of the page is covered: normative sentences of the introduction and
 * overview, permission requirements, feature prerequisites.
 */
import type { PermissionFact, UntestedFact } from '../../spec/model.js';
import { sentences } from '../facts-from-text.js';
import type { Page } from '../page-model.js';

const NORMATIVE = /\b(must|may not|shall|should|cannot|can't|do not|don't|required|only)\b/i;
/** Sections whose sentences become facts (or are boilerplate); their prose is not "untested". */
const FACT_SECTIONS = /^(permissions|http requests?|(optional )?(query|function) parameters|request headers?|request body|parameters|responses?|examples?|samples?(?: \d+)?|request|http response|cometd notification|properties|relationships|json representation|methods)$/i;

export function readUntested(page: Page, permissions: PermissionFact[]): UntestedFact[] {
  const out: UntestedFact[] = [];
  let inFacts = false;
  for (const b of page.blocks) {
    if (b.kind === 'heading') inFacts = FACT_SECTIONS.test(b.text);
    if (inFacts) continue;
    if (b.kind === 'paragraph') {
      for (const s of sentences(b.text)) {
        if (NORMATIVE.test(s)) out.push({ text: s, source: { file: page.file, line: b.line }, reason: 'a usage rule for callers; no response of the API shows whether it was followed' });
      }
    }
    if (b.kind === 'table') {
      for (const row of [b.header, ...b.rows]) {
        const [k, v] = [row[0]?.text ?? '', row[1]?.text ?? ''];
        if (/^required (features?|licen[sc]es?|roles?)$/i.test(k)) out.push({ text: `${k}: ${v}`, source: { file: page.file, line: row[0]!.line }, reason: 'a deployment prerequisite of the platform, not visible in the API contract' });
      }
    }
  }
  for (const p of permissions) {
    out.push({ text: `${p.kind}: one of ${p.scopes.join(', ')}`, source: p.source, reason: 'permission scopes are granted by the platform identity provider; a target cannot be asked which scope a token carries' });
  }
  return out;
}
