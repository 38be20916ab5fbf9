import { helpFooter, USAGE_ERROR } from '../help.js';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { dataDirOrDefault, defaultDescription } from '../data-dirs.js';
import { ruleCatalogue } from '../../lint/catalogue.js';
import { DEFAULT_PERMISSIONS_REFERENCE } from '../../lint/paths.js';
import { displayPath } from '../../spec/display-path.js';
import { writeFileAtomic } from '../../spec/atomic-write.js';
import { InputError } from '../../spec/errors.js';
import { assertFilePath } from '../output-paths.js';
import { progress } from '../progress.js';
import type { RegisterCommand } from './index.js';

type LintFormat = 'text' | 'json' | 'sarif';
const FORMATS: readonly LintFormat[] = ['text', 'json', 'sarif'];

interface LintOptions {
  format: string;
  output?: string;
  /** A file, or false for `--no-permissions`. */
  permissions: string | boolean;
  sources?: string;
  profile?: string;
  /** A file, false for `--no-decisions`, undefined for the one beside the sources (or ./specs/decisions.yaml). */
  decisions?: string | boolean;
  /** A CSDL file, false for `--no-metadata`, true (default) for each profile's own `metadata.xml`. */
  metadata: string | boolean;
}


const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export const registerLint: RegisterCommand = (program, setExit) => {
  program
    .command('lint')
    .summary('report defects of documentation pages (text, JSON or SARIF)')
    .description(
      'Report what is wrong in documentation pages, each finding with file:line:col, a stable rule id and a severity: what extraction finds while reading a page (status contradictions, pseudo-values and placeholders in examples, JSON that does not parse, PDF artefacts) plus the lint rules listed below. ' +
        'Without PAGES, it lints every page under specs/sources/. A folder stands for the pages in it.',
    )
    .argument('[pages...]', 'pages or folders of pages (default: everything under specs/sources/)')
    .option('--format <format>', 'text, json or sarif (SARIF 2.1.0, for code-scanning UIs)', 'text')
    .option('--output <file>', 'write the report to FILE (atomically) instead of stdout')
    .option('--permissions <file>', "the platform's permissions reference for unknown-permission", displayPath(DEFAULT_PERMISSIONS_REFERENCE))
    .option('--no-permissions', 'do not check permission scopes')
    .option('--decisions <file>', 'rulings on error-level findings; a ruled finding is still reported, marked as ruled on (default: decisions.yaml beside the sources folder; with PAGES, ./specs/decisions.yaml)')
    .option('--no-decisions', 'ignore specs/decisions.yaml: every error-level finding fails the run')
    .option('--metadata <file>', "the service's own metadata (OData CSDL XML) to compare every page with; by default each profile's specs/sources/<profile>/metadata.xml, when there is one")
    .option('--no-metadata', 'do not compare the pages with any service metadata (the cross-source rules do not run)')
    .option('--sources <dir>', `sources folder read when no PAGES are given (default: ${defaultDescription('specs/sources')})`)
    .option('--profile <name>', 'profile of pages outside specs/sources/<profile>/ (default: their folder name)')
    .addHelpText(
      'after',
      `\nRules:\n${ruleCatalogue.map((r) => `  ${r.id.padEnd(26)}${r.severity.padEnd(8)}${r.description}`).join('\n')}\n` +
        helpFooter({
          examples: ['callconform lint                                  # every page under specs/sources/', 'callconform lint --format sarif --output lint.sarif', 'callconform lint docs/api --format json', 'callconform lint ../shared/corpus/graph-full --metadata ../shared/corpus/graph-metadata/v1.0.xml'],
          exitCodes: { 0: 'no error-level finding left unruled', 1: 'an error-level finding that no ruling in --decisions covers', 2: USAGE_ERROR },
        }),
    )
    .action(async (pages: string[], opts: LintOptions) => {
      if (!(FORMATS as readonly string[]).includes(opts.format)) throw new InputError(`"${opts.format}" is not one of ${FORMATS.join(', ')}`, { file: '--format' });
      const [{ sourcePages }, { lintPages, severityCounts }, { formatJson }, { formatSarif }, { formatText }, { expandPages }, { loadPermissionsReference }, { loadDecisions }] = await Promise.all([
        import('../../extract/index.js'),
        import('../../lint/index.js'),
        import('../../lint/format-json.js'),
        import('../../lint/format-sarif.js'),
        import('../../lint/format-text.js'),
        import('../../lint/pages.js'),
        import('../../lint/permissions-reference.js'),
        import('../../spec/decisions-file.js'),
      ]);
      const { metadataResolver } = await import('../../metadata/profile-metadata.js');
      const format = opts.format as LintFormat;
      if (opts.output) assertFilePath(opts.output, '--output');
      const sourcesDir = pages.length === 0 ? dataDirOrDefault(opts.sources, 'specs/sources', '--sources') : { path: opts.sources ?? join('specs', 'sources'), note: '' };
      const sources = sourcesDir.path;
      if (pages.length === 0 && !existsSync(sources)) throw new InputError('no sources folder (pass pages, or --sources DIR)', { file: sources });
      const files = pages.length === 0 ? sourcePages(sources) : expandPages(pages);
      const permissions = typeof opts.permissions === 'string' ? loadPermissionsReference(opts.permissions) : null;
      if (typeof opts.decisions === 'string' && !existsSync(opts.decisions)) throw new InputError('no such decisions file', { file: opts.decisions });
      const decisionsFile = typeof opts.decisions === 'string' ? opts.decisions : opts.decisions === false ? undefined : join(pages.length === 0 ? dirname(sources) : 'specs', 'decisions.yaml');
      // Said, not assumed: without rulings every error-level finding counts.
      if (decisionsFile !== undefined && !existsSync(decisionsFile)) process.stderr.write(`callconform: no decisions file (${decisionsFile}): no finding is ruled on\n`);
      const decisions = decisionsFile !== undefined && existsSync(decisionsFile) ? loadDecisions(decisionsFile) : [];
      process.stderr.write(sourcesDir.note);
      const tick = progress('lint');
      const metadataFor = metadataResolver(opts.metadata, sources);
      const result = lintPages(files, { permissions, decisions, metadataFor, ...(opts.profile ? { profile: opts.profile } : {}), onPage: (d, t) => tick(`${d}/${t} pages`) });
      tick.done();
      const version = program.version() ?? '0.0.0';
      const { findings, rulings } = result;
      const report = format === 'sarif' ? formatSarif(findings, version, rulings) : format === 'json' ? formatJson(findings, files.length, version, rulings) : formatText(findings, rulings);
      if (opts.output) writeFileAtomic(opts.output, report);
      else process.stdout.write(report);
      const counts = severityCounts(findings, rulings);
      const ruled = counts.error - counts.unresolvedErrors;
      process.stderr.write(
        `${plural(findings.length, 'finding')} in ${plural(files.length, 'page')}: ${plural(counts.error, 'error')}${ruled ? ` (${ruled} ruled on in ${String(decisionsFile)})` : ''}, ${plural(counts.warning, 'warning')}, ${plural(counts.note, 'note')}${opts.output ? ` (written to ${opts.output})` : ''}\n`,
      );
      setExit(counts.unresolvedErrors > 0 ? 1 : 0);
    });
};
