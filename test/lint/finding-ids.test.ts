/**
 * Finding ids are what specs/decisions.yaml cites, so they must be unique and must not move with
 * the page's lines: over the seeds and the Graph corpus (through the built CLI), no two findings
 * share an id, no id carries a line number, and the `.md` and `.txt` renderings of one page get
 * different ids for the same defect.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractPage } from '../../src/extract/index.js';
import { uniqueAcrossPages } from '../../src/extract/findings.js';
import type { Finding } from '../../src/spec/finding.js';
import { runCli } from '../helpers.js';

const corpus = fileURLToPath(new URL('../../../shared/corpus/graph', import.meta.url));

describe('finding ids', () => {
  it('are unique and line-free over the seed pages and the Graph corpus (callconform lint --format json)', () => {
    const pages = ['specs/sources', ...(existsSync(corpus) ? [corpus] : [])];
    const r = runCli(['lint', ...pages, '--format', 'json', '--no-decisions'], { timeoutMs: 300_000 });
    expect(r.status, r.stderr).toBeLessThan(2);
    const findings = (JSON.parse(r.stdout) as { findings: { id: string; source: { file: string } }[] }).findings;
    expect(findings.length).toBeGreaterThan(20);
    const seen = new Map<string, string>();
    const repeated: string[] = [];
    for (const f of findings) {
      if (seen.has(f.id)) repeated.push(`${f.id} (${seen.get(f.id)} and ${f.source.file})`);
      seen.set(f.id, f.source.file);
    }
    expect(repeated).toEqual([]);
    expect(findings.filter((f) => /(^|[/-])line-?\d/.test(f.id)).map((f) => f.id)).toEqual([]);
    // The same defect on the two renderings of seed 002/003.
    const pseudo = findings.filter((f) => f.id.startsWith('example-pseudo-value/graph-v1.0/updateRecordingStatus')).map((f) => f.id).sort();
    expect(pseudo).toEqual(['example-pseudo-value/graph-v1.0/updateRecordingStatus/request-example/status', 'example-pseudo-value/graph-v1.0/updateRecordingStatus@text/request-example/status']);
  }, 300_000);

  it('of PDF artefacts stay the same when lines are inserted above them', () => {
    const page = (prefix: string): string =>
      `${prefix}# Update\n\nPOST /api/v2/x\n\n\`\`\`\n{\n  "url": "http://example.com/a/very/long/\npath/of/a/url",\n  "a": {\n\`\`\`\nUpdate\n\`\`\`\n  }\n}\n\`\`\`\n`;
    const ids = (text: string): string[] => extractPage('sources/p/page.txt', text, 'p', 'pdf-text').findings.filter((f) => f.rule.startsWith('pdf-')).map((f) => f.id);
    const before = ids(page(''));
    expect(before.length).toBeGreaterThanOrEqual(1);
    expect(ids(page('\n\n\n'))).toEqual(before);
  });

  it('take the file name where pages of one profile name the same operation', () => {
    const f = (file: string): Finding => ({ id: 'content-length-mismatch/api/clear/request-example', rule: 'content-length-mismatch', severity: 'warning', message: 'm', source: { file, line: 3 } });
    expect(uniqueAcrossPages([f('api/range-clear.md'), f('api/filter-clear.md'), f('api/filter-clear.md')]).map((x) => x.id)).toEqual([
      'content-length-mismatch/api/clear~range-clear/request-example',
      'content-length-mismatch/api/clear~filter-clear/request-example',
      'content-length-mismatch/api/clear~filter-clear/request-example-2',
    ]);
  });
});
