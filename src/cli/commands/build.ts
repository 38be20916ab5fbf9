import { helpFooter, USAGE_ERROR } from '../help.js';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DEFAULT_PACT_TIMEOUT_MS } from '../../compile/pact-limits.js';
import { citedFrom } from '../../spec/cited-from.js';
import { InputError } from '../../spec/errors.js';
import type { Finding } from '../../spec/finding.js';
import { dataDirOrDefault, defaultDescription, outputDirOrDefault, refuseWritingPackaged } from '../data-dirs.js';
import { assertFolderPath } from '../output-paths.js';
import type { RegisterCommand } from './index.js';

interface BuildOptions {
  check?: boolean;
  pactTimeout: string;
  specs?: string;
  out?: string;
  decisions?: string;
}

/** Findings of the pages under <specs>/sources/ (extraction + lint rules, and the cross-source rules for a profile with metadata); none without sources. */
async function findingsOf(specsDir: string): Promise<Finding[]> {
  const sources = join(specsDir, 'sources');
  if (!existsSync(sources)) return [];
  const [{ sourcePages }, { lintPages }, { metadataResolver }] = await Promise.all([import('../../extract/index.js'), import('../../lint/index.js'), import('../../metadata/profile-metadata.js')]);
  return lintPages(sourcePages(sources), { metadataFor: metadataResolver(true, sources) }).findings;
}

export const registerBuild: RegisterCommand = (program, setExit) => {
  program
    .command('build')
    .summary('specs + decisions → JSON Schemas, Pact V4 files, OpenAPI 3.1 (and a 3.0 rendering)')
    .description(
      'Compile specs/<profile>/*.yaml and the rulings of specs/decisions.yaml into contracts/ (the files are listed below). ' +
        'With a decisions file it refuses (exit 1) an error-level doc finding that no decision rules on, and a decision whose finding is gone; ' +
        'without one, the operations such findings concern are left out, each with a finding (exit 1 once the rest is written). ' +
        "An operation whose request Pact's mock server cannot take is left out of the pact the same way.",
    )
    .option('--check', 'do not write; exit 1 naming each contract file a fresh build would change or delete')
    .option('--specs <dir>', `specs folder (default: ${defaultDescription('specs')})`)
    .option('--out <dir>', `contracts folder (default: ${defaultDescription('contracts')}, beside the specs folder used)`)
    .option('--decisions <file>', 'decisions file (default: <specs>/decisions.yaml)')
    .option(
      '--pact-timeout <ms>',
      "How long Pact's mock server may take to answer one interaction's request before that operation is left out of the pact (a pact-refused finding at its page line).",
      String(DEFAULT_PACT_TIMEOUT_MS),
    )
    .addHelpText(
      'after',
      '\nWrites:\n' +
        '  schemas/<profile>/<operation>.{request,response,notification}.schema.json, schemas/<profile>/resources/<resource>.schema.json  JSON Schema 2020-12 (ajv strict)\n' +
        "  pacts/<profile>.json          Pact V4, written by Pact's own consumer DSL and mock server\n" +
        '  openapi/<profile>.yaml        OpenAPI 3.1, self-contained: the schemas as components, the documented examples\n' +
        '  openapi/3.0/<profile>.yaml    the same as OpenAPI 3.0.3, for tools that read only 3.0\n' +
        helpFooter({
          examples: ['callconform build            # refresh contracts/ from specs/', 'callconform build --check    # CI: fail when contracts/ is stale'],
          exitCodes: { 0: 'ok', 1: 'an unruled error finding, a stale ruling, stale contracts (--check), or operations left out (the rest is written)', 2: USAGE_ERROR },
        }),
    )
    .action(async (opts: BuildOptions) => {
      const specsDir = dataDirOrDefault(opts.specs, 'specs', '--specs');
      const outDir = outputDirOrDefault(opts.out, 'contracts', '--out', specsDir);
      if (!opts.check) refuseWritingPackaged(outDir, '--out', 'callconform build --check');
      const out = outDir.path;
      assertFolderPath(out, '--out');
      const pactTimeoutMs = Number(opts.pactTimeout);
      if (!Number.isInteger(pactTimeoutMs) || pactTimeoutMs <= 0) throw new InputError(`--pact-timeout must be a positive integer (ms), got "${opts.pactTimeout}"`);
      // Loaded on use: Pact's native core takes most of a second to load, other commands need not pay it.
      const { buildContracts } = await import('../../compile/build.js');
      const { diffContracts, writeContracts } = await import('../../compile/contract-files.js');
      const [{ loadSpecs }, { loadDecisions }] = await Promise.all([import('../../spec/yaml-io.js'), import('../../spec/decisions-file.js')]);
      process.stderr.write(specsDir.note + outDir.note);
      const set = loadSpecs(specsDir.path);
      const decisionsFile = opts.decisions ?? join(specsDir.path, 'decisions.yaml');
      // The packaged files cite themselves as the checkout does (`specs/decisions.yaml:8`), whatever the working directory.
      const cited = <T>(v: T): T => (specsDir.packaged ? citedFrom(v, dirname(resolve(specsDir.path))) : v);
      const decisions = cited(loadDecisions(decisionsFile));
      // A decisions file governs the build: unruled contradictions refuse it. Without one (a corpus
      // built as it is), the operations they concern are left out, each with a finding.
      const governed = opts.decisions !== undefined || existsSync(decisionsFile);
      const result = await buildContracts(set, decisions, cited(await findingsOf(specsDir.path)), { timeoutMs: pactTimeoutMs, governed });
      if (!result.ok) {
        for (const p of result.problems) process.stderr.write(`${p.source.file}:${p.source.line}: ${p.message}\n`);
        process.stderr.write(`build refused: ${result.problems.length} problem(s); rule on them in ${decisionsFile}\n`);
        return setExit(1);
      }
      for (const f of result.findings) process.stderr.write(`${f.source.file}:${f.source.line}: ${f.severity} ${f.rule} ${f.message}\n`);
      const leftOut = result.leftOut.length;
      const leftOutNote = leftOut ? `; ${leftOut} operation(s) left out, see the error findings above` : '';
      if (opts.check) {
        const diff = diffContracts(out, result.files);
        for (const f of diff.changed) process.stderr.write(`stale: ${join(out, f)} differs from a fresh build\n`);
        for (const f of diff.deleted) process.stderr.write(`stale: ${join(out, f)} would be deleted (no spec produces it)\n`);
        if (diff.changed.length || diff.deleted.length) {
          process.stderr.write('contracts are out of date: run `callconform build` and commit the result\n');
          return setExit(1);
        }
        process.stdout.write(`contracts up to date (${result.files.size} files)\n`);
        return setExit(0);
      }
      const diff = writeContracts(out, result.files);
      process.stdout.write(
        `built ${result.files.size} contract files in ${out}/ from ${set.operations.length} operations and ${set.resources.length} resources ` +
          `(${diff.changed.length} written, ${diff.deleted.length} deleted, ${decisions.length} decisions applied, ${result.findings.filter((f) => f.rule === 'example-rejected').length} examples rejected by their schemas${leftOutNote})\n`,
      );
      setExit(leftOut ? 1 : 0);
    });
};
