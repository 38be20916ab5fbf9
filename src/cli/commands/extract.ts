import { helpFooter, USAGE_ERROR } from '../help.js';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { citedFrom } from '../../spec/cited-from.js';
import { dataDirOrDefault, defaultDescription, refuseWritingPackaged } from '../data-dirs.js';
import { writeFilesAtomic } from '../../spec/atomic-write.js';
import { InputError } from '../../spec/errors.js';
import { assertFolderPath } from '../output-paths.js';
import { progress } from '../progress.js';
import type { RegisterCommand } from './index.js';

interface ExtractOptions {
  check?: boolean;
  specs?: string;
  sources?: string;
  out?: string;
  profile?: string;
  /** A CSDL file, false for `--no-metadata`, true (default) for each profile's own `metadata.xml`. */
  metadata: string | boolean;
  resources?: string;
}

/** Generated spec files currently on disk: the spec files inside a profile folder (`specs/<profile>/…`). */
function generatedOnDisk(specsDir: string, specFiles: (dir: string) => string[]): string[] {
  if (!existsSync(specsDir)) return [];
  return specFiles(specsDir).filter((f) => relative(specsDir, f).includes(sep));
}

/**
 * Profiles of the packaged specs whose pages the package does not ship (package.json `files`
 * leaves out pages whose licence does not allow it): their specs cannot be re-extracted there.
 */
function profilesWithoutPages(specsDir: string, sourcesDir: string): string[] {
  return readdirSync(specsDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && e.name !== basename(sourcesDir) && !existsSync(join(sourcesDir, e.name)) && readdirSync(join(specsDir, e.name)).some((f) => f.endsWith('.yaml')))
    .map((e) => e.name)
    .sort();
}

export const registerExtract: RegisterCommand = (program, setExit) => {
  program
    .command('extract')
    .summary('documentation pages → one cited YAML spec per operation')
    .description(
      'Extract one deterministic YAML spec per operation (and per referenced resource) from documentation pages: Graph-style markdown (.md), plain-text renderings (.txt) and text extracted from PDF (.pdf.txt). ' +
        'Every fact records its source file:line. Without PAGES, it reads every page under specs/sources/<profile>/ and writes specs/<profile>/<operation>.yaml; with PAGES, it prints the specs as YAML (or writes them under --out). ' +
        "With PAGES, the resource and enum pages they refer to are extracted too: each page's own links (../resources/presence.md), else <type>.md and enums.md in --resources DIR (default: the resources folder next to the page, as in the Graph docs). " +
        'A referenced type found nowhere is an unresolved-type finding naming the link and line.',
    )
    .argument('[pages...]', 'pages to extract instead of specs/sources/')
    .option('--check', 'do not write; exit 1 naming each committed spec that differs from a fresh extraction')
    .option('--specs <dir>', `specs folder (default: ${defaultDescription('specs')})`)
    .option('--sources <dir>', 'sources folder (default: <specs>/sources)')
    .option('--out <dir>', 'with PAGES: write specs under this folder instead of printing them')
    .option('--profile <name>', 'with PAGES: profile name (default: the page folder name)')
    .option('--metadata <file>', "the service's metadata (OData CSDL XML): where it or the shared enum page spells an enum's members differently from the page, the spec records their spellings for specs/decisions.yaml to rule on; by default each profile's specs/sources/<profile>/metadata.xml, when there is one")
    .option('--no-metadata', 'do not read any service metadata')
    .option('--resources <dir>', 'with PAGES: folder of resource pages and enums.md for types a page names but does not link (default: ../resources next to each page)')
    .addHelpText(
      'after',
      helpFooter({
        examples: [
          'callconform extract                 # refresh specs/ from specs/sources/',
          'callconform extract --check         # CI: fail when specs/ is stale',
          'callconform extract page.md         # print the spec of one page',
          'callconform extract api/call-*.md --out specs --profile comms --resources docs/resources',
        ],
        exitCodes: { 0: 'ok', 1: 'stale specs (--check)', 2: USAGE_ERROR },
      }),
    )
    .action(async (pages: string[], opts: ExtractOptions) => {
      if (opts.out) assertFolderPath(opts.out, '--out');
      // The parsers load when the command runs, not for every command of the CLI.
      const [{ extractFiles, sourcePages }, { specFiles, specPath, stringifySpec }, { checkSpec }, { withDeclaredNullability, withOtherSources }, { crossSourceSets, declaredNullability, enumDisagreements }, { metadataResolver }] = await Promise.all([
        import('../../extract/index.js'),
        import('../../spec/yaml-io.js'),
        import('../../spec/validate.js'),
        import('../../extract/other-sources.js'),
        import('../../lint/index.js'),
        import('../../metadata/profile-metadata.js'),
      ]);
      const fromSources = pages.length === 0;
      // With PAGES the specs folder is only where --out would put them; from sources it is read and rewritten.
      const specsDir = fromSources ? dataDirOrDefault(opts.specs, 'specs', '--specs') : { path: opts.specs ?? 'specs', packaged: false, note: '' };
      if (!opts.check && fromSources) refuseWritingPackaged(specsDir, '--specs', 'callconform extract --check');
      const sourcesDir = opts.sources ?? join(specsDir.path, 'sources');
      if (fromSources && !existsSync(sourcesDir)) throw new InputError('no sources folder (pass pages, or --sources DIR)', { file: sourcesDir });
      process.stderr.write(specsDir.note);
      pages.forEach((await import('../../lint/pages.js')).assertPageFile);
      const files = fromSources ? sourcePages(sourcesDir) : pages;
      const tick = progress('extract');
      if (opts.resources && !existsSync(opts.resources)) throw new InputError('no such resources folder', { file: opts.resources });
      const follow = fromSources ? {} : { follow: opts.resources ? { resources: opts.resources } : {} };
      const result = extractFiles(files, { ...(opts.profile ? { profile: opts.profile } : {}), ...follow, onPage: (d, t) => tick(`${d}/${t} pages`) });
      tick.done();
      const metadataFor = metadataResolver(opts.metadata, sourcesDir);
      const sets = metadataFor ? crossSourceSets(result.pages, result.specs, metadataFor, opts.profile) : [];
      const merged = withDeclaredNullability(withOtherSources(result.specs, enumDisagreements(sets)), declaredNullability(sets));
      const specs = specsDir.packaged ? merged.map((s) => citedFrom(s, dirname(resolve(specsDir.path)))) : merged;
      for (const spec of specs) {
        const problem = checkSpec(spec);
        if (problem) throw new InputError(`extracted spec does not match specs/spec.schema.json at ${problem.pointer}: ${problem.message}`, { file: spec.sources[0]!, line: 1 });
      }
      const rendered = new Map(specs.map((s) => [specPath(opts.out ?? specsDir.path, s), stringifySpec(s)]));
      if (!fromSources && !opts.out) {
        process.stdout.write([...rendered.values()].join('---\n'));
        if (result.findings.length) process.stderr.write(`${result.findings.length} extraction findings; \`callconform lint ${pages.join(' ')}\` lists every finding\n`);
        return setExit(0);
      }
      const unshipped = specsDir.packaged ? profilesWithoutPages(specsDir.path, sourcesDir) : [];
      for (const profile of unshipped) process.stderr.write(`callconform: ${profile}: its pages are not shipped in the package (${join(sourcesDir, profile)}); its specs are not checked\n`);
      const stale = fromSources ? generatedOnDisk(specsDir.path, specFiles).filter((f) => !rendered.has(f) && !unshipped.includes(relative(specsDir.path, f).split(sep)[0]!)) : [];
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
      writeFilesAtomic(rendered);
      for (const f of stale) rmSync(f);
      process.stdout.write(`extracted ${specs.length} specs from ${files.length} pages (${result.findings.length} extraction findings; \`callconform lint\` lists every finding)\n`);
      setExit(0);
    });
};
