/**
 * The regex a Location header must match, derived from the documented example Location and the
 * operation's path template: any origin (scheme http or https), a path prefix (version,
 * gateway) of up to PREFIX_SEGMENTS segments, then the template's segments up to the resource
 * id, the id, and the example's remaining segments (words kept literally: `operations`; ids
 * replaced: `0fe0623f-…`).
 *
 * The prefix is a bounded repetition on purpose. Peers compile the pattern into an automaton
 * and generate a sample from it: Specmatic 2.55 searches forever when an unbounded `*`/`+`
 * over a class that holds `/` (`(?:/[^/?#]+)*`, `[^?#]*`, `.*`) precedes the literal suffix,
 * while `{0,n}` finishes at once. verify does not use this pattern (src/verify matches the
 * suffix segment by segment, whatever the prefix).
 */

const ANY_SEGMENT = '[^/?#]+';
/** Longest path prefix (in segments) before the documented suffix; real gateways use a few. */
export const PREFIX_SEGMENTS = 16;

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A path segment that names a collection (a word) rather than an instance (an id with digits). */
function isWord(segment: string): boolean {
  return /^[A-Za-z][A-Za-z_-]*$/.test(segment);
}

function segmentsOf(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

export interface LocationPattern {
  /** Anchored regex source. */
  pattern: string;
  /** The documented example (it matches the pattern). */
  example: string;
  /** Segments of the example aligned with the template, e.g. the id of the resource acted on. */
  idInExample?: string;
}

/**
 * @param example the documented Location (`https://graph.microsoft.com/beta/communications/calls/57da…/operations/0fe0…`)
 * @param template the operation path (`/communications/calls/{id}/updateMetadata`)
 * @param idParam the path parameter naming the resource acted on (`id`)
 */
export function locationPattern(example: string, template: string, idParam: string): LocationPattern | undefined {
  let url: URL;
  try {
    url = new URL(example);
  } catch {
    return undefined;
  }
  const path = segmentsOf(url.pathname);
  const tmpl = segmentsOf(template);
  const at = tmpl.indexOf(`{${idParam}}`);
  const lead = at >= 0 ? tmpl.slice(0, at) : [];
  // Where the template's leading segments (`communications/calls`) occur in the example, last occurrence.
  // A deprecated alias (`/app/calls/{id}`) may share only its last segments with the example: try shorter tails.
  let start = -1;
  let matched: string[] = [];
  for (let k = 0; k < lead.length && start < 0; k++) {
    const tail = lead.slice(k);
    if (tail.some((s) => s.startsWith('{'))) continue;
    for (let i = path.length - tail.length - 1; i >= 0; i--) {
      if (tail.every((s, j) => path[i + j] === s)) {
        start = i;
        matched = tail;
        break;
      }
    }
  }
  const parts: string[] = [];
  let idInExample: string | undefined;
  let rest: string[];
  if (start >= 0) {
    parts.push(`(?:/${ANY_SEGMENT}){0,${PREFIX_SEGMENTS}}`);
    for (const s of matched) parts.push(`/${escapeRegex(s)}`);
    parts.push(`/${ANY_SEGMENT}`);
    idInExample = path[start + matched.length];
    rest = path.slice(start + matched.length + 1);
  } else {
    rest = path;
  }
  for (const s of rest) parts.push(`/${isWord(s) ? escapeRegex(s) : ANY_SEGMENT}`);
  const pattern = `^https?://[^/?#]+${parts.join('')}$`;
  return { pattern, example, ...(idInExample ? { idInExample } : {}) };
}
