import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { writeFileAtomic } from '../../spec/atomic-write.js';
import { InputError } from '../../spec/errors.js';
import { assertFolderPath } from '../output-paths.js';
import { progress } from '../progress.js';
import type { RegisterCommand } from './index.js';

interface ExtractOptions {
  check?: boolean;
  specs: string;
  sources?: string;
  out?: string;
  profile?: string;
  resources?: string;
}

/** Generated spec files currently on disk: the spec files inside a profile folder (`specs/<profile>/…`). */
function generatedOnDisk(specsDir: string, specFiles: (dir: string) => string[]): string[] {
  if (!existsSync(specsDir)) return [];
  return specFiles(specsDir).filter((f) => relative(specsDir, f).includes(sep));
}

export const registerExtract: RegisterCommand = (program, setExit) => {
  program
    .command('extract')
    .summary('documentation pages → one cited YAML spec per operation')
    .description(
      'Extract one deterministic YAML spec per operation (and per referenced resource) from documentation\n' +
        'pages: Graph-style markdown (.md), plain-text renderings (.txt) and text extracted from PDF (.pdf.txt).\n' +
        'Every fact records its source file:line. Without PAGES, reads every page under specs/sources/<profile>/\n' +
        'and writes specs/<profile>/<operation>.yaml; with PAGES, prints the specs as YAML (or writes them under --out).\n' +
        'With PAGES, the resource and enum pages they refer to are extracted too: each page\'s own links (../resources/presence.md),\n' +
        'else <type>.md and enums.md in --resources DIR (default: the resources folder next to the page, as in the Graph docs).\n' +
        'A referenced type found nowhere is an unresolved-type finding naming the link and line.',
    )
    .argument('[pages...]', 'pages to extract instead of specs/sources/')
    .option('--check', 'do not write; exit 1 naming each committed spec that differs from a fresh extraction')
    .option('--specs <dir>', 'specs folder', 'specs')
    .option('--sources <dir>', 'sources folder (default <specs>/sources)')
    .option('--out <dir>', 'with PAGES: write specs under this folder instead of printing them')
    .option('--profile <name>', 'with PAGES: profile name (default: the page folder name)')
    .option('--resources <dir>', 'with PAGES: folder of resource pages and enums.md for types a page names but does not link (default: ../resources next to each page)')
    .addHelpText('after', '\nExamples:\n  callconform extract                 # refresh specs/ from specs/sources/\n  callconform extract --check         # CI: fail when specs/ is stale\n  callconform extract page.md         # print the spec of one page\n  callconform extract api/call-*.md --out specs --profile comms --resources docs/resources\n\nExit codes: 0 ok, 1 stale specs (--check), 2 unreadable or invalid input.')
    .action(async (pages: string[], opts: ExtractOptions) => {
      if (opts.out) assertFolderPath(opts.out, '--out');
      // The parsers load when the command runs, not for every command of the CLI.
      const [{ extractFiles, sourcePages }, { specFiles, specPath, stringifySpec }, { checkSpec }] = await Promise.all([
        import('../../extract/index.js'),
        import('../../spec/yaml-io.js'),
        import('../../spec/validate.js'),
      ]);
      const fromSources = pages.length === 0;
      const sourcesDir = opts.sources ?? join(opts.specs, 'sources');
      if (fromSources && !existsSync(sourcesDir)) throw new InputError('no sources folder (pass pages, or --sources DIR)', { file: sourcesDir });
      const files = fromSources ? sourcePages(sourcesDir) : pages;
      const tick = progress('extract');
      if (opts.resources && !existsSync(opts.resources)) throw new InputError('no such resources folder', { file: opts.resources });
      const follow = fromSources ? {} : { follow: opts.resources ? { resources: opts.resources } : {} };
      const result = extractFiles(files, { ...(opts.profile ? { profile: opts.profile } : {}), ...follow, onPage: (d, t) => tick(`${d}/${t} pages`) });
      tick.done();
      for (const spec of result.specs) {
        const problem = checkSpec(spec);
        if (problem) throw new InputError(`extracted spec does not match specs/spec.schema.json at ${problem.pointer}: ${problem.message}`, { file: spec.sources[0]!, line: 1 });
      }
      const rendered = new Map(result.specs.map((s) => [specPath(opts.out ?? opts.specs, s), stringifySpec(s)]));
      if (!fromSources && !opts.out) {
        process.stdout.write([...rendered.values()].join('---\n'));
        if (result.findings.length) process.stderr.write(`${result.findings.length} extraction findings; \`callconform lint ${pages.join(' ')}\` lists every finding\n`);
        return setExit(0);
      }
      const stale = fromSources ? generatedOnDisk(opts.specs, specFiles).filter((f) => !rendered.has(f)) : [];
      if (opts.check) {
        const changed = [...rendered].filter(([f, text]) => !existsSync(f) || readFileSync(f, 'utf8') !== text).map(([f]) => f);
        for (const f of changed) process.stderr.write(`stale: ${relative('.', f)} differs from a fresh extraction\n`);
        for (const f of stale) process.stderr.write(`stale: ${relative('.', f)} is not produced by any page any more\n`);
        if (changed.length || stale.length) {
          process.stderr.write('specs are out of date: run `callconform extract` and commit the result\n');
          return setExit(1);
        }
        process.stdout.write(`specs up to date (${rendered.size} files)\n`);
        return setExit(0);
      }
      for (const [file, text] of rendered) writeFileAtomic(file, text);
      for (const f of stale) rmSync(f);
      process.stdout.write(`extracted ${result.specs.length} specs from ${files.length} pages (${result.findings.length} extraction findings; \`callconform lint\` lists every finding)\n`);
      setExit(0);
    });
};
