/**
 * The user documentation: README.md stays a newcomer's document (at most 400 lines, no words
 * only the project's own sessions use, every local link resolves), and the tables in docs/ that
 * list what the code defines are the code's (scripts/docs-tables.ts writes them).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { docsDir, staleDocs, TABLES, withTables } from '../../scripts/docs-tables.js';
import { repoRoot } from '../helpers.js';

const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
const pages = ['README.md', ...readdirSync(docsDir).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

describe('README.md', () => {
  it('is at most 400 lines', () => {
    expect(readme.split('\n').length).toBeLessThanOrEqual(400);
  });

  it('has a section with an example for every command', async () => {
    const { commands } = await import('../../src/cli/commands/index.js');
    const { Command } = await import('commander');
    const program = new Command();
    for (const register of commands) register(program, () => undefined);
    for (const c of program.commands) {
      const section = readme.split(/^## /m).find((s) => s.startsWith(`\`callconform ${c.name()}\``));
      expect(section, `README section for ${c.name()}`).toBeDefined();
      expect(section, `example run of ${c.name()}`).toMatch(/```/);
    }
  });
});

describe.each(pages)('%s', (page) => {
  const text = readFileSync(join(repoRoot, page), 'utf8');

  it('uses no internal words (seed numbers, the issue, DESIGN.md, which does not ship)', () => {
    expect(text).not.toMatch(/\bseeds? 00\d|\bthe issue'?s?\b|DESIGN\.md/i);
  });

  it('links only to files that exist', () => {
    const links = [...text.matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)].map((m) => m[1]!).filter((l) => !/^[a-z]+:/.test(l));
    for (const link of links) expect(existsSync(join(repoRoot, dirname(page), link)), `${page} → ${link}`).toBe(true);
  });
});

describe('generated tables in docs/', () => {
  it('match the code (run `npm run docs` after changing faults, checks, rules or variables)', () => {
    expect(staleDocs()).toEqual([]);
  });

  it('every table is used, and a stale one is caught', () => {
    const all = pages.map((p) => readFileSync(join(repoRoot, p), 'utf8')).join('\n');
    for (const name of Object.keys(TABLES)) expect(all, name).toContain(`<!-- table:${name} -->`);
    const stale = '<!-- table:faults -->\n| fault |\n<!-- /table -->';
    expect(withTables(stale, 'x.md')).not.toBe(stale);
    expect(() => withTables('<!-- table:nope -->\n<!-- /table -->', 'x.md')).toThrow(/unknown table "nope"/);
  });
});
