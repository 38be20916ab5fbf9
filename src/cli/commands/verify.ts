import { dataDir } from '../data-dirs.js';
import { assertFolderPath } from '../output-paths.js';
import { CHECK_NAMES } from '../../report/result.js';
import { DEFAULTS, resolveVerifyOptions, type VerifyOptions } from '../../verify/options.js';
import type { Inputs } from '../../verify/plan.js';
import type { RegisterCommand } from './index.js';

interface VerifyFlags {
  target?: string;
  profile?: string[];
  token?: string;
  header?: string[];
  secretHeader?: string[];
  callId?: string;
  stateUrl?: string;
  cometdUrl?: string;
  reports: string;
  only?: string[];
  operation?: string[];
  excludeOperation?: string[];
  allowPartial?: boolean;
  timeout: string;
  maxBody: string;
  concurrency: string;
  specs: string;
  contracts: string;
  sign?: string;
}

/** Turn the flags into run options and the inputs they were checked against; every problem is one InputError line (exit 2). */
export async function verifyRunFromFlags(flags: VerifyFlags, env: NodeJS.ProcessEnv = process.env): Promise<{ options: VerifyOptions; inputs: Inputs }> {
  // Checked before the run, not after it: a reports path that cannot be a folder would lose the run.
  assertFolderPath(flags.reports, '--reports');
  // Heavy modules (specs, ajv) load only when the command runs.
  const [{ loadInputs }, { knownProfiles }] = await Promise.all([import('../../verify/load-inputs.js'), import('../../verify/plan.js')]);
  let inputs: Inputs | undefined;
  const options = resolveVerifyOptions(
    {
      target: flags.target,
      profiles: flags.profile,
      token: flags.token ?? env.CALLCONFORM_TOKEN,
      headers: flags.header,
      secretHeaders: flags.secretHeader,
      callId: flags.callId,
      stateUrl: flags.stateUrl,
      cometdUrl: flags.cometdUrl,
      only: flags.only,
      operations: flags.operation,
      excludeOperations: flags.excludeOperation,
      allowPartial: flags.allowPartial,
      timeout: flags.timeout,
      maxBody: flags.maxBody,
      concurrency: flags.concurrency,
      specsDir: flags.specs,
      contractsDir: flags.contracts,
    },
    () => knownProfiles((inputs = loadInputs(flags.specs, flags.contracts))),
  );
  return { options, inputs: inputs! };
}

export const registerVerify: RegisterCommand = (program, setExit) => {
  program
    .command('verify')
    .summary('certify an implementation against the contracts')
    .description(
      'Run the checks against an implementation: every check instance is\n' +
        'generated from the specs and compiled contracts, and every result cites its doc line and level.\n' +
        'Reports (report.json, junit.xml, summary.md, report.html) go to <reports>/<run-id>/ per profile.',
    )
    .option('--target <url>', 'base URL of the implementation, including any path prefix')
    .option('--profile <name...>', 'profiles to certify (default: all)')
    .option('--token <token>', 'sent as "Authorization: Bearer <token>" (or env CALLCONFORM_TOKEN); never printed')
    .option('--header <name: value...>', 'send this header on every request to the target (repeatable)')
    .option('--secret-header <name: value...>', 'like --header, and the value is redacted like the token; or NAME to mark a --header secret')
    .option('--call-id <id>', 'an existing call to act on')
    .option('--state-url <url>', 'provider-state URL: POST {"state":"a call exists",…} gives a fresh call per check')
    .option('--cometd-url <url>', 'Bayeux endpoint (default <target>/api/v2/notifications)')
    .option('--reports <dir>', 'where reports go', 'reports')
    .option('--only <check...>', `run only these checks (${CHECK_NAMES.join(', ')})`)
    .option('--operation <id...>', 'run only the checks of these operations (the operation names of the specs, e.g. updateRecordingStatus); the verdict is then partial')
    .option('--exclude-operation <id...>', 'leave out the checks of these operations; the verdict is then partial')
    .option('--allow-partial', 'exit 0 for a partial run (narrowed by --only, --operation or --exclude-operation, or no check ran) in which nothing failed; its verdict stays partial and its reports say it is not a certificate')
    .option('--timeout <ms>', 'time limit per request and per awaited notification', String(DEFAULTS.timeoutMs))
    .option('--max-body <bytes>', 'largest response body read', String(DEFAULTS.maxBodyBytes))
    .option('--concurrency <n>', 'independent checks in flight at once', String(DEFAULTS.concurrency))
    .option('--specs <dir>', 'spec folder (default: ./specs, else the packaged one)', dataDir('specs'))
    .option('--contracts <dir>', 'contracts folder (default: ./contracts, else the packaged one)', dataDir('contracts'))
    .option('--sign <key>', 'sign the run: write certificate.json beside each report.json, signed with this Ed25519 private key (PEM); check it with check-certificate')
    .addHelpText(
      'after',
      '\nExample:\n  callconform verify --target http://localhost:8080 --state-url http://localhost:8080/_callconform/state --token "$TOKEN"\n\n' +
        'A run narrowed by --only, --operation or --exclude-operation, or one that ran no check, is never conformant: its verdict is partial, and it exits 1 unless --allow-partial is given.\n\n' +
        'Exit codes: 0 conformant (or partial with --allow-partial), 1 nonconformant (a MUST failed), a check could not be judged, or a partial run, 2 usage or configuration error, 3 target unreachable.',
    )
    .action(async (flags: VerifyFlags) => {
      // The key is read before the run: a run that cannot be signed should not start.
      const signingKey = flags.sign !== undefined ? (await import('../../certificate/keys.js')).loadPrivateKey(flags.sign) : undefined;
      const { options, inputs } = await verifyRunFromFlags(flags);
      const { runAndReport } = await import('../../verify/run-and-report.js');
      const { exitCode, dirs } = await runAndReport(options, flags.reports, { inputs });
      if (signingKey && dirs.length > 0) {
        const { writeCertificates } = await import('../../certificate/write.js');
        const files = writeCertificates(dirs, signingKey, { specsDir: options.specsDir, contractsDir: options.contractsDir });
        for (const f of files) process.stdout.write(`signed: ${f}\n`);
      }
      setExit(exitCode);
    });
};
