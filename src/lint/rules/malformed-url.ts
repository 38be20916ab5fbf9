/**
 * `malformed-url`: a URL in an example (request line, header value, body) that is not a valid
 * URL. Validity is the WHATWG URL parser's, with two additions: a backslash is malformed although
 * WHATWG silently turns it into `/` for http(s) (a client that does not would send another
 * path), and documentation placeholders (`{id}`, `<tenant>`) count as valid values.
 */
import { ruleFinding } from '../../extract/findings.js';
import { parseHttpMessage, type HttpMessage } from '../../extract/http-message.js';
import type { Page } from '../../extract/page-model.js';
import type { Finding } from '../../spec/finding.js';
import { locate, type LintRule } from '../rule.js';

/** An absolute URL as printed, placeholders (`{…}`, `<…>`) included; ends at whitespace or a quote. */
const URL_TOKEN = /\b(?:https?|wss?):\/\/(?:\{[^{}\n"]*\}|<[^<>\s"]*>|[^\s"'<>`{}])*/gi;
/** Documentation placeholders and elisions: `{id}`, `<tenant>`, `https://...`. */
const PLACEHOLDER = /\{[^{}]*\}|<[^<>]*>|\.{3}|…/g;

/** Punctuation that ends the sentence or the enclosing brackets rather than the URL. */
function trimTrailing(url: string): string {
  if (/(\.{3}|…)$/.test(url)) return url;
  let out = url.replace(/[.,;:!?\\]+$/, '');
  while (out.endsWith(')') && (out.match(/\(/g)?.length ?? 0) < (out.match(/\)/g)?.length ?? 0)) out = out.slice(0, -1).replace(/[.,;:!?]+$/, '');
  return out;
}

/**
 * Why `url` is malformed, or undefined when it is a valid URL (placeholders read as values). A
 * relative reference (a request target `/me/drive`) is resolved against a dummy origin.
 */
export function urlProblem(url: string): string | undefined {
  if (url.includes('\\')) return 'it contains a backslash; URL paths are separated by "/"';
  const concrete = url.replace(PLACEHOLDER, '0');
  const absolute = /^[a-z][a-z0-9+.-]*:/i.test(concrete);
  try {
    new URL(concrete, absolute ? undefined : 'https://host.invalid/');
    return undefined;
  } catch {
    if (!absolute) return 'the WHATWG URL parser rejects it';
    const hostPort = (/^[a-z]+:\/\/([^/?#]*)/i.exec(concrete)?.[1] ?? '').replace(/^.*@/, '');
    if (hostPort === '') return 'it has no host';
    const port = hostPort.startsWith('[') ? undefined : hostPort.split(':')[1];
    if (port !== undefined && !/^\d*$/.test(port)) return 'its port is not a number';
    if (/\s/.test(hostPort)) return 'its host contains a space';
    return 'the WHATWG URL parser rejects it';
  }
}

function exampleKind(msg: HttpMessage | undefined): string {
  return msg?.request ? 'request-example' : msg?.status ? 'response-example' : 'example';
}

export const malformedUrl: LintRule = {
  id: 'malformed-url',
  severity: 'warning',
  description: 'A URL in an example is not a valid URL (WHATWG URL parsing; backslashes are not path separators).',
  check(page: Page) {
    const out: Finding[] = [];
    for (const block of page.blocks) {
      if (block.kind !== 'code') continue;
      const lines = block.text.split('\n');
      const msg = parseHttpMessage(block);
      const kind = exampleKind(msg);
      lines.forEach((text, i) => {
        const line = block.lines[i] ?? block.line;
        const raw = page.rawLines[line - 1];
        const urls = [...text.matchAll(URL_TOKEN)].map((m) => trimTrailing(m[0]));
        // A request line with a relative target (`PATCH /me\drive`) has no scheme to match on.
        if (i === 0 && msg?.request && !/^[a-z]+:\/\//i.test(msg.request.target)) urls.push(msg.request.target);
        for (const url of urls) {
          // A bare `https://` is a prefix in code (`startsWith("https://")`), not an example URL.
          if (/^[a-z]+:\/\/$/i.test(url)) continue;
          const problem = urlProblem(url);
          if (!problem) continue;
          const where = locate(raw, url);
          const fixed = url.includes('\\') ? url.replace(/\\+/g, '/') : undefined;
          out.push(
            ruleFinding(malformedUrl, `malformed URL \`${url}\` in the ${kind.replace('-', ' ')}: ${problem}`, { file: page.file, line }, {
              subject: kind,
              data: { url, ...where, ...(fixed && where.endColumn ? { replacement: fixed } : {}) },
            }),
          );
        }
      });
    }
    return out;
  },
};
