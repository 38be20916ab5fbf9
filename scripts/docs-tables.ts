/**
 * The tables of docs/ that list what the code defines — faults, checks, lint rules, drift rules,
 * the vitest adapter's variables — are written from the code, never by hand. Each sits between
 * `<!-- table:NAME -->` and `<!-- /table -->` in a docs page.
 *
 *   npm run docs            rewrite the tables in docs/*.md
 *   npm run docs -- --check exit 1 naming each stale table (test/docs/docs.test.ts runs this)
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { rules as driftRules, unclassified } from '../src/drift/rules.js';
import { ruleCatalogue } from '../src/lint/catalogue.js';
import { FAULTS } from '../src/reference/faults.js';
import { CHECKS } from '../src/verify/checks/index.js';
import { SUITE_ENV } from '../src/verify/suite.js';

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');
}

/** Every generated table by name. */
export const TABLES: Record<string, () => string> = {
  faults: () => table(['fault', 'check that must catch it', 'deviation'], FAULTS.map((f) => [`\`${f.name}\``, `\`${f.check}\``, f.description])),
  checks: () => table(['check', 'instances are generated from'], CHECKS.map((c) => [`\`${c.name}\``, c.appliesTo])),
  'lint-rules': () => table(['rule', 'severity', 'reported by', 'what'], ruleCatalogue.map((r) => [`\`${r.id}\``, r.severity, r.stage, r.example ? `${r.description} Corpus example (graph-full v1.0): ${r.example}` : r.description])),
  'drift-rules': () =>
    table(
      ['rule', 'fact', 'change', 'why'],
      [...driftRules, unclassified].map((r) => [`\`${r.id}\``, r.fact === '*' ? 'any' : r.fact, r.title, typeof r.explanation === 'string' ? r.explanation : `request: ${r.explanation.request} Response: ${r.explanation.response}`]),
    ),
  'suite-env': () => table(['variable', 'same as', 'meaning'], Object.entries(SUITE_ENV).map(([name, v]) => [`\`${name}\``, `\`${v.flag}\``, v.about])),
};

const MARKED = /(<!-- table:([a-z-]+) -->\n)([\s\S]*?)(<!-- \/table -->)/g;

/** The page with its tables rewritten; unknown table names throw. */
export function withTables(text: string, file: string): string {
  return text.replace(MARKED, (_all, open: string, name: string, _old: string, close: string) => {
    const make = TABLES[name];
    if (!make) throw new Error(`${file}: unknown table "${name}" (known: ${Object.keys(TABLES).join(', ')})`);
    return `${open}${make()}\n${close}`;
  });
}

export const docsDir = resolve(import.meta.dirname, '..', 'docs');

/** Pages of docs/ whose tables differ from the code. */
export function staleDocs(dir = docsDir): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .filter((f) => {
      const text = readFileSync(join(dir, f), 'utf8');
      return withTables(text, f) !== text;
    });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const check = process.argv.includes('--check');
  const stale = staleDocs();
  if (check) {
    for (const f of stale) console.error(`stale: docs/${f}: its generated tables differ from the code (run \`npm run docs\`)`);
    process.exitCode = stale.length > 0 ? 1 : 0;
  } else {
    for (const f of stale) writeFileSync(join(docsDir, f), withTables(readFileSync(join(docsDir, f), 'utf8'), f));
    console.log(stale.length > 0 ? `rewrote the tables of ${stale.map((f) => `docs/${f}`).join(', ')}` : 'docs tables up to date');
  }
}
