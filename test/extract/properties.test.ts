import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { enumOfText, maxLengthOfText } from '../../src/extract/facts-from-text.js';
import { extractPage } from '../../src/extract/index.js';

const src = { file: 'p.md', line: 3 };

describe('facts from prose (property tests)', () => {
  it('reads any documented length limit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.constantFrom('Max limit is N chars.', 'Maximum length is N characters.', 'Max length: N chars.'), (n, template) => {
        expect(maxLengthOfText(`Some value. ${template.replace('N', String(n))}`, src)?.value).toBe(n);
      }),
    );
  });

  it('reads any list of enum values, with or without backticks and a final "or"', () => {
    const ident = fc.stringMatching(/^[a-z][A-Za-z0-9]{0,15}$/);
    fc.assert(
      fc.property(fc.uniqueArray(ident, { minLength: 2, maxLength: 8 }), fc.boolean(), (values, ticks) => {
        const shown = values.map((v) => (ticks ? `\`${v}\`` : v));
        const list = `${shown.slice(0, -1).join(', ')}, or ${shown[shown.length - 1]}`;
        expect(enumOfText(`The status. Possible values are: ${list}.`, src)?.values).toEqual(values);
      }),
    );
  });
});

describe('extraction never crashes on arbitrary pages', () => {
  it('markdown and text of any shape give a page result', () => {
    const line = fc.oneof(
      fc.string(),
      fc.constantFrom('## HTTP request', '```http', '```', 'POST /a/{id}/b', '| a | b |', '|---|---|', 'HTTP/1.1 200 OK', '{', '}', '<!-- {"blockType": "request"} -->', '## Response', '## Example', 'Returns `200 OK`.'),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), fc.constantFrom('x.md', 'x.txt', 'x.pdf.txt'), (lines, file) => {
        const r = extractPage(file, lines.join('\n'), 'p');
        expect(r.page.file).toBe(file);
      }),
      { numRuns: 300 },
    );
  });
});
