/**
 * `content-length-mismatch`: an example's Content-Length header that matches its body under
 * neither LF nor CRLF line endings (UTF-8 bytes; a final line end is allowed either way). On the
 * wire HTTP bodies are usually sent with CRLF, which is how most documented lengths were counted.
 * A body marked truncated (`"truncated": true`) is only flagged when the declared length is
 * shorter than what is printed; a body the page does not print in full (a placeholder such as
 * `<final bytes of the file>`, an elision `... binary data ...`) is not judged.
 */
import { ruleFinding } from '../../extract/findings.js';
import { headerValue, parseHttpMessage } from '../../extract/http-message.js';
import type { Finding } from '../../spec/finding.js';
import { locate, type LintRule } from '../rule.js';

/** Byte lengths the body may legitimately have, as printed. */
export function bodyLengths(body: string): { lf: number; crlf: number; accepted: number[] } {
  const lf = Buffer.byteLength(body, 'utf8');
  const breaks = body.split('\n').length - 1;
  const crlf = lf + breaks;
  return { lf, crlf, accepted: [lf, crlf, lf + 1, crlf + 2] };
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** The page stands in for the body, or part of it, instead of printing it. */
export function bodyElided(body: string): boolean {
  const lines = body.split('\n').map((l) => l.trim());
  if (lines.length === 1 && /^(<[^<>]+>|\[[^[\]]+\])$/.test(lines[0]!) && !isJson(lines[0]!)) return true;
  return lines.some((l) => /^(\.{3}|…)|(\.{3}|…)$/.test(l));
}

export const contentLengthMismatch: LintRule = {
  id: 'content-length-mismatch',
  severity: 'warning',
  description: 'An example\'s Content-Length header does not match the byte length of its body, counted with LF or with CRLF line endings.',
  check(page) {
    const out: Finding[] = [];
    for (const block of page.blocks) {
      if (block.kind !== 'code') continue;
      const msg = parseHttpMessage(block);
      const header = msg && headerValue(msg, 'content-length');
      // No body shown (a HEAD response, an elided upload) is not a mismatch: the page just does not print it.
      if (!msg || !header || !/^\d+$/.test(header.value) || msg.body.trim() === '' || bodyElided(msg.body)) continue;
      const declared = Number(header.value);
      const { lf, crlf, accepted } = bodyLengths(msg.body);
      if (accepted.includes(declared)) continue;
      const truncated = block.annotation?.truncated === true;
      if (truncated && declared > crlf) continue;
      const which = msg.request ? 'request' : 'response';
      const where = locate(page.rawLines[header.line - 1], header.value, page.rawLines[header.line - 1]?.indexOf(':') ?? 0);
      out.push(
        ruleFinding(
          contentLengthMismatch,
          `Content-Length is ${declared} but the ${which} body printed below is ${lf} bytes with LF line endings and ${crlf} with CRLF`,
          { file: page.file, line: header.line },
          { subject: `${which}-example`, data: { declared, lf, crlf, ...where, ...(where.endColumn ? { replacement: String(crlf) } : {}) } },
        ),
      );
    }
    return out;
  },
};
