import { helpFooter, USAGE_ERROR } from '../help.js';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { InputError } from '../../spec/errors.js';
import { dataDirOrDefault, outputDirOrDefault, type DataDir } from '../data-dirs.js';
import { assertWritableFolder } from '../output-paths.js';
import { DEFAULTS, parseBoundedInt, type VerifyOptions } from '../../verify/options.js';
import type { ExitCode } from '../main.js';
import type { RegisterCommand } from './index.js';

interface StartFlags {
  reports: string;
  fault?: string[];
  timeout: string;
  concurrency: string;
}

/**
 * The stages before certification, in order, as `callconform <args>` would run them, on the
 * folders `start` resolved. The packaged folders are checked, not rewritten: outside a checkout
 * the run certifies against the specs and contracts the package ships.
 */
const stages = (reports: string, specs: DataDir, contracts: DataDir): Array<{ name: string; args: string[] }> => {
  const check = specs.packaged ? ['--check'] : [];
  return [
    { name: 'extract', args: ['extract', '--specs', specs.path, ...check] },
    // The findings go to a file next to the reports; the terminal gets the one-line count.
    { name: 'lint', args: ['lint', '--sources', join(specs.path, 'sources'), '--output', join(reports, 'lint.txt')] },
    { name: 'build', args: ['build', '--specs', specs.path, '--out', contracts.path, ...(contracts.packaged ? ['--check'] : [])] },
  ];
};

/** Run one stage in-process as `callconform <stage>` would. */
async function runStage(args: string[]): Promise<ExitCode> {
  const { main } = await import('../main.js');
  return main([process.argv[0] ?? 'node', 'callconform', ...args]);
}

export const registerStart: RegisterCommand = (program, setExit) => {
  program
    .command('start')
    .summary('extract → lint → build → serve the reference → verify every profile (what `npm start` runs)')
    .description(
      'The whole pipeline on this checkout: refresh the specs from the doc pages, lint them, compile the contracts, start the reference implementation on a free port, certify every profile against it, print the verdict table and where the reports are, and stop the server. ' +
        'Outside a checkout it runs on the packaged specs and contracts, checked (extract --check, build --check) rather than rewritten. ' +
        'Lint findings do not stop it; a stage that fails stops it with that stage\'s exit code.',
    )
    .option('--reports <dir>', 'where reports go', 'reports')
    .option('--fault <name...>', 'start the reference with documented deviations (see serve --list-faults)')
    .option('--timeout <ms>', 'time limit per request and per awaited notification', String(DEFAULTS.timeoutMs))
    .option('--concurrency <n>', 'independent checks in flight at once', String(DEFAULTS.concurrency))
    .addHelpText(
      'after',
      helpFooter({
        examples: ['callconform start', 'callconform start --fault no-location --reports /tmp/reports'],
        exitCodes: { 0: 'every profile conformant', 1: 'a profile nonconformant, or a stage reported findings that stop it', 2: USAGE_ERROR, 3: 'the reference could not be reached' },
      }),
    )
    .action(async (flags: StartFlags) => {
      assertWritableFolder(flags.reports, '--reports');
      // Every flag is checked before the first stage writes anything.
      const timeoutMs = parseBoundedInt(flags.timeout, '--timeout', 1, 600_000);
      const concurrency = parseBoundedInt(flags.concurrency, '--concurrency', 1, 256);
      const { parseFaults } = await import('../../reference/faults.js');
      parseFaults(flags.fault ?? []);
      const specs = dataDirOrDefault(undefined, 'specs', undefined);
      const contracts = outputDirOrDefault(undefined, 'contracts', undefined, specs);
      process.stderr.write(specs.note + contracts.note);
      for (const { name: stage, args } of stages(flags.reports, specs, contracts)) {
        process.stderr.write(`callconform start: ${stage}\n`);
        const code = await runStage(args);
        if (code === 0) continue;
        if (stage === 'lint' && code === 1) {
          process.stderr.write('callconform start: lint reported unruled errors in the doc pages; continuing\n');
          continue;
        }
        process.stderr.write(`callconform start: ${stage} failed (exit ${code}); stopping\n`);
        setExit(code);
        return;
      }
      const [{ knownProfiles }, { loadInputs }] = await Promise.all([import('../../verify/plan.js'), import('../../verify/load-inputs.js')]);
      const { startReference, STATE_PATH } = await import('../../reference/index.js');
      const { runAndReport } = await import('../../verify/run-and-report.js');
      const inputs = loadInputs(specs.path, contracts.path);
      const profiles = knownProfiles(inputs);
      if (profiles.length === 0) throw new InputError('no profiles to verify', { file: specs.path });
      // A token of this run only: the reference demands it where the docs document Authorization.
      const token = randomBytes(18).toString('base64url');
      const server = await startReference({ port: 0, token, faults: flags.fault ?? [], specsDir: specs.path, contractsDir: contracts.path });
      process.stderr.write(`callconform start: reference implementation on ${server.url}${server.faults.length ? ` (faults: ${server.faults.join(', ')})` : ''}; verifying ${profiles.join(', ')}\n`);
      try {
        const options: VerifyOptions = {
          targets: profiles.map((profile) => {
            const base = `${server.url}/${encodeURIComponent(profile)}`;
            return { profile, url: base, stateUrl: `${base}${STATE_PATH}` };
          }),
          token,
          timeoutMs,
          maxBodyBytes: DEFAULTS.maxBodyBytes,
          concurrency,
          specsDir: specs.path,
          contractsDir: contracts.path,
        };
        const { exitCode } = await runAndReport(options, flags.reports, { inputs });
        setExit(exitCode);
      } finally {
        await server.close();
      }
    });
};
