/**
 * Published addresses of doc pages: the Graph rule (path + version) on the brief's examples and
 * on every page of the corpus, SOURCES.md held to the code, and the quotes reports show.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { QUOTE_CHARS, quoteAt, quoteOf, readCitations } from '../../src/report/citations.js';
import { publishedUrl } from '../../src/spec/published-url.js';
import { repoRoot } from '../helpers.js';

/** The shared corpus beside the checkout (as test/corpus uses it); the corpus test is skipped without it. */
const corpus = existsSync(join(repoRoot, '../shared/corpus')) ? join(repoRoot, '../shared/corpus') : undefined;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

describe('publishedUrl', () => {
  it('derives Graph addresses from the path and version', () => {
    expect(publishedUrl('specs/sources/graph-v1.0/call-answer.md')).toBe('https://learn.microsoft.com/en-us/graph/api/call-answer?view=graph-rest-1.0');
    expect(publishedUrl('specs/sources/graph-beta/call-answer.md')).toBe('https://learn.microsoft.com/en-us/graph/api/call-answer?view=graph-rest-beta');
    expect(publishedUrl('specs/sources/graph-v1.0/call-answer.txt')).toBe('https://learn.microsoft.com/en-us/graph/api/call-answer?view=graph-rest-1.0');
    expect(publishedUrl('specs/sources/graph-beta/resources/call.md')).toBe('https://learn.microsoft.com/en-us/graph/api/resources/call?view=graph-rest-beta');
    expect(publishedUrl('specs/sources/graph-v1.0/metadata.xml')).toBe('https://graph.microsoft.com/v1.0/$metadata');
    expect(publishedUrl('../shared/corpus/graph/api-reference/beta/api/call-mute.md')).toBe('https://learn.microsoft.com/en-us/graph/api/call-mute?view=graph-rest-beta');
    expect(publishedUrl('../shared/corpus/graph/concepts/permissions-reference.md')).toBe('https://learn.microsoft.com/en-us/graph/permissions-reference');
  });

  it('knows no address for files that are not published pages', () => {
    for (const file of ['specs/decisions.yaml', 'docs/api/call-update.md', 'specs/sources/comms/call-update.md', 'specs/sources/graph-v1.0/notes/x.md', 'specs/sources/graph-v1.0/a b.md'])
      expect(publishedUrl(file), file).toBeUndefined();
  });

  it.skipIf(!corpus)('gives every Graph page of the corpus the address of its kind and version', () => {
    const roots = ['graph-full', 'graph'].map((c) => join(corpus!, c, 'api-reference'));
    const pages = roots.flatMap((root) => filesUnder(root).filter((f) => f.endsWith('.md')).map((page) => ({ root, page })));
    expect(pages.length).toBeGreaterThan(3000);
    expect(pages.some(({ page }) => page.includes('/beta/'))).toBe(true);
    for (const { root, page } of pages) {
      const [version, kind] = relative(root, page).split('/');
      const name = basename(page, '.md');
      const view = version === 'v1.0' ? '1.0' : version;
      expect(publishedUrl(page), page).toBe(`https://learn.microsoft.com/en-us/graph/api/${kind === 'resources' ? 'resources/' : ''}${name}?view=graph-rest-${view}`);
    }
  });
});

describe('specs/sources/SOURCES.md', () => {
  it('gives each stored page the address the code derives', () => {
    const rows = readFileSync(join(repoRoot, 'specs', 'sources', 'SOURCES.md'), 'utf8')
      .split('\n')
      .filter((l) => /^\| [a-z]/.test(l) && !l.startsWith('| profile |'))
      .map((l) => l.split(' | '));
    const stored = filesUnder(join(repoRoot, 'specs', 'sources')).filter((f) => !f.endsWith('SOURCES.md'));
    expect(rows.map((r) => r[1]!.replaceAll('`', '')).sort()).toEqual(stored.map((f) => relative(join(repoRoot, 'specs', 'sources'), f)).sort());
    for (const [, file, , published] of rows) {
      const url = publishedUrl(`specs/sources/${file!.replaceAll('`', '')}`);
      expect(published, file).toBe(url ?? '—');
    }
  });
});

describe('citations', () => {
  it('quotes a line on one line, without a table row\'s outer pipes, at most QUOTE_CHARS', () => {
    expect(quoteOf('  | clientContext   | String  | Max 256 chars. |  ')).toBe('clientContext | String | Max 256 chars.');
    expect(quoteOf('Request URL\t<i>/api/v2/me/calls/{id}</i>')).toBe('Request URL <i>/api/v2/me/calls/{id}</i>');
    expect(quoteOf('   ')).toBeUndefined();
    const long = quoteOf('word '.repeat(200))!;
    expect(long.length).toBeLessThanOrEqual(QUOTE_CHARS);
    expect(long.endsWith('word…')).toBe(true);
  });

  it('quotes a JSON example that starts at the cited line up to its closing bracket, within the bound', () => {
    const page = ['```json', '{', '  "a": "}{",', '  "b": [1, 2]', '}', 'after', '```'];
    expect(quoteAt(page, 1)).toBe('{ "a": "}{", "b": [1, 2] }');
    expect(quoteAt(['{', '  "x": 1', '', 'prose'], 0)).toBe('{ "x": 1');
    expect(quoteAt(['[', ...Array.from({ length: 200 }, (_, i) => `  "item-${i}",`), ']'], 0)!.length).toBeLessThanOrEqual(QUOTE_CHARS);
    expect(quoteAt(['only line'], 3)).toBeUndefined();
  });

  it('reads each cited line of the stored pages, and gives the address alone for a page that is not there', () => {
    const citations = readCitations(
      [
        { file: 'specs/sources/graph-v1.0/call-updaterecordingstatus.md', line: 30 },
        { file: 'specs/sources/graph-v1.0/call-updaterecordingstatus.md', line: 30 },
        { file: 'specs/sources/graph-beta/gone.md', line: 3 },
        { file: 'specs/decisions.yaml', line: 8 },
        { file: 'specs/sources/graph-v1.0/call-updaterecordingstatus.md', line: 100_000 },
      ],
      repoRoot,
    );
    expect(citations).toEqual({
      'specs/sources/graph-v1.0/call-updaterecordingstatus.md:30': {
        url: 'https://learn.microsoft.com/en-us/graph/api/call-updaterecordingstatus?view=graph-rest-1.0',
        quote: 'POST /communications/calls/{id}/updateRecordingStatus',
      },
      'specs/sources/graph-beta/gone.md:3': { url: 'https://learn.microsoft.com/en-us/graph/api/gone?view=graph-rest-beta' },
      'specs/decisions.yaml:8': { quote: '- finding: status-prose-vs-example/graph-beta/updateMetadata' },
      'specs/sources/graph-v1.0/call-updaterecordingstatus.md:100000': { url: 'https://learn.microsoft.com/en-us/graph/api/call-updaterecordingstatus?view=graph-rest-1.0' },
    });
  });
});
