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
  param?: string[];
  stateUrl?: string;
  cometdUrl?: string;
  reports: string;
  only?: string[];
  timeout: string;
  maxBody: string;
  concurrency: string;
  specs: string;
  contracts: string;
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
      ...(flags.param ? { params: flags.param } : {}),
      stateUrl: flags.stateUrl,
      cometdUrl: flags.cometdUrl,
      only: flags.only,
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
    .option('--call-id <id>', 'an existing call to act on (the same as --param callId=ID)')
    .option('--param <name=id...>', 'a fixed id for a provider-state parameter, by the key a state handler would answer it under (participantId=…); sent as the state\'s params with --state-url (repeatable)')
    .option('--state-url <url>', 'provider-state URL: POST {"state":"a participant exists in a call","params":{},"action":"setup"} gives fresh ids per check ({"callId":"…","participantId":"…"}); see docs/target-contract.md')
    .option('--cometd-url <url>', 'Bayeux endpoint (default <target>/api/v2/notifications)')
    .option('--reports <dir>', 'where reports go', 'reports')
    .option('--only <check...>', `run only these checks (${CHECK_NAMES.join(', ')})`)
    .option('--timeout <ms>', 'time limit per request and per awaited notification', String(DEFAULTS.timeoutMs))
    .option('--max-body <bytes>', 'largest response body read', String(DEFAULTS.maxBodyBytes))
    .option('--concurrency <n>', 'independent checks in flight at once', String(DEFAULTS.concurrency))
    .option('--specs <dir>', 'spec folder (default: ./specs, else the packaged one)', dataDir('specs'))
    .option('--contracts <dir>', 'contracts folder (default: ./contracts, else the packaged one)', dataDir('contracts'))
    .addHelpText(
      'after',
      '\nExample:\n  callconform verify --target http://localhost:8080 --state-url http://localhost:8080/_callconform/state --token "$TOKEN"\n\n' +
        'Exit codes: 0 conformant, 1 nonconformant (a MUST failed, or a check could not be judged), 2 usage or configuration error, 3 target unreachable.',
    )
    .action(async (flags: VerifyFlags) => {
      const { options, inputs } = await verifyRunFromFlags(flags);
      const { runAndReport } = await import('../../verify/run-and-report.js');
      const { exitCode } = await runAndReport(options, flags.reports, { inputs });
      setExit(exitCode);
    });
};
