import { Option } from 'commander';
import { helpFooter, USAGE_ERROR } from '../help.js';
import { dataDirOrDefault, defaultDescription } from '../data-dirs.js';
import { assertFolderPath, assertWritableFolder } from '../output-paths.js';
import { warnIfShortToken } from '../short-token.js';
import { CHECK_NAMES } from '../../report/result.js';
import { DEFAULTS, MAX_BODY_CAP, resolveVerifyOptions, type VerifyOptions, type VerifySettings } from '../../verify/options.js';
import type { Inputs } from '../../verify/plan.js';
import { CA_FLAG_HELP, NODE_EXTRA_CA_CERTS_HELP } from '../../verify/trusted-cas.js';
import type { BaselineRun } from '../../verify/run-and-report.js';
import { InputError } from '../../spec/errors.js';
import { applyConfigFile, DEFAULT_CONFIG } from '../config-file.js';
import type { RegisterCommand } from './index.js';

/** The flags as commander gives them: the settings' own names where they are one value, plural lists as repeated flags. */
type VerifyFlags = Pick<VerifySettings, 'target' | 'token' | 'callId' | 'stateUrl' | 'cometdUrl' | 'only' | 'allowPartial' | 'maxFailures' | 'failFast' | 'timeout' | 'maxBody' | 'concurrency' | 'ca'> & {
  profile?: string[];
  header?: string[];
  secretHeader?: string[];
  param?: string[];
  operation?: string[];
  excludeOperation?: string[];
  reports: string;
  specs?: string;
  contracts?: string;
  sign?: string;
  baseline?: string;
  updateBaseline?: boolean;
  config?: string;
};

/** Turn the flags into run options and the inputs they were checked against; every problem is one InputError line (exit 2). */
export async function verifyRunFromFlags(flags: VerifyFlags & { specs: string; contracts: string }, env: NodeJS.ProcessEnv = process.env): Promise<{ options: VerifyOptions; inputs: Inputs }> {
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
      // Secret headers from the environment too: a committed config file holds none (CI secrets are variables).
      secretHeaders: flags.secretHeader ?? env.CALLCONFORM_SECRET_HEADER?.split('\n').filter((l) => l.trim() !== ''),
      callId: flags.callId,
      ...(flags.param ? { params: flags.param } : {}),
      stateUrl: flags.stateUrl,
      cometdUrl: flags.cometdUrl,
      only: flags.only,
      operations: flags.operation,
      excludeOperations: flags.excludeOperation,
      allowPartial: flags.allowPartial,
      ...(flags.maxFailures !== undefined ? { maxFailures: flags.maxFailures } : {}),
      ...(flags.failFast ? { failFast: true } : {}),
      timeout: flags.timeout,
      maxBody: flags.maxBody,
      concurrency: flags.concurrency,
      ...(flags.ca !== undefined ? { ca: flags.ca } : {}),
      specsDir: flags.specs,
      contractsDir: flags.contracts,
    },
    () => knownProfiles((inputs = loadInputs(flags.specs, flags.contracts))),
  );
  warnIfShortToken(options.token);
  // Before the run: a read-only or full reports folder found after it would lose the verdict's files.
  assertWritableFolder(flags.reports, '--reports');
  return { options, inputs: inputs! };
}

/** The baseline of `--baseline` / `--update-baseline`, read before the run: a bad file is exit 2 before any request. */
async function baselineFromFlags(flags: Pick<VerifyFlags, 'baseline' | 'updateBaseline'>): Promise<BaselineRun | undefined> {
  if (flags.updateBaseline && flags.baseline === undefined) throw new InputError('--update-baseline needs --baseline FILE (the file to write)');
  if (flags.baseline === undefined) return undefined;
  const { baselineExists, loadBaseline } = await import('../../verify/baseline.js');
  const update = flags.updateBaseline === true;
  if (update && !baselineExists(flags.baseline)) return { file: flags.baseline, update };
  return { file: flags.baseline, baseline: loadBaseline(flags.baseline), update };
}

export const registerVerify: RegisterCommand = (program, setExit) => {
  program
    .command('verify')
    .summary('certify an implementation against the contracts')
    .description(
      'Run the checks against an implementation: every check instance is generated from the specs and compiled contracts, and every result cites its doc line and level. ' +
        'Calls to act on come from --state-url (a fresh call per check) or --call-id. Reports (report.json, junit.xml, summary.md, report.html) go to <reports>/<run-id>/, one folder per profile.',
    )
    .option('--target <url>', 'base URL of the implementation, including any path prefix')
    .option('--profile <name...>', 'profiles to certify (default: all)')
    .option('--token <token>', 'sent as "Authorization: Bearer <token>" (or env CALLCONFORM_TOKEN); never printed')
    .option('--header <name: value...>', 'send this header on every request to the target (repeatable)')
    .option('--secret-header <name: value...>', 'like --header, and the value is redacted like the token; or NAME to mark a --header secret')
    .option('--call-id <id>', 'an existing call to act on (the same as --param callId=ID)')
    .option('--param <name=id...>', 'a fixed id for a provider-state parameter, by the key a state handler would answer it under (participantId=…); sent as the state\'s params with --state-url (repeatable)')
    .option('--state-url <url>', 'provider-state URL: POST {"state":"a participant exists in a call","params":{},"action":"setup"} gives fresh ids per check ({"callId":"…","participantId":"…"}); see docs/target-contract.md')
    .option('--cometd-url <url>', 'Bayeux endpoint (default: <target>/api/v2/notifications)')
    .option('--reports <dir>', 'where reports go', 'reports')
    .option('--only <check...>', `run only these checks (${CHECK_NAMES.join(', ')})`)
    .option('--operation <id...>', 'run only the checks of these operations (the operation names of the specs, e.g. updateRecordingStatus); the verdict is then partial')
    .option('--exclude-operation <id...>', 'leave out the checks of these operations; the verdict is then partial')
    .option('--allow-partial', 'exit 0 for a partial run (narrowed by --only, --operation or --exclude-operation, or no check ran) in which nothing failed; its verdict stays partial and its reports say it is not a certificate')
    .option('--max-failures <n>', 'stop starting checks once N have failed or errored (those in flight finish); the run is then never conformant and its scope records that it stopped')
    .option('--fail-fast', 'the same as --max-failures 1')
    .option('--timeout <ms>', 'time limit per request and per awaited notification', String(DEFAULTS.timeoutMs))
    .option('--max-body <bytes>', `largest response body read, in bytes (at most ${MAX_BODY_CAP})`, String(DEFAULTS.maxBodyBytes))
    .option('--concurrency <n>', 'independent checks in flight at once', String(DEFAULTS.concurrency))
    .option('--ca <file>', CA_FLAG_HELP)
    .addOption(new Option('--specs <dir>', `spec folder (default: ${defaultDescription('specs')})`))
    .addOption(new Option('--contracts <dir>', `contracts folder (default: ${defaultDescription('contracts')})`))
    .option('--baseline <file>', 'a YAML list of accepted failures (check id, reason, optional until date; see docs/results.md): the run fails only on checks that newly fail or whose acceptance expired, and lists the accepted ones that now pass as fixed')
    .option('--update-baseline', 'rewrite the --baseline file to accept the checks failing now (new ones get a reason to fill in; fixed ones are dropped), or create it')
    .option('--config <file>', `read any of these flags from a YAML file (default: ./${DEFAULT_CONFIG} when there is one); flags given here override it; see docs/config.md`)
    .option('--sign <key>', 'sign the run: write certificate.json beside each report.json, signed with this Ed25519 private key (PEM); check it with check-certificate')
    .addHelpText(
      'after',
      '\nA run narrowed by --only, --operation or --exclude-operation, stopped by --max-failures or --fail-fast, or one that ran no check, is never conformant: its verdict is partial (nonconformant when a MUST failed), and it exits 1 unless --allow-partial is given.\n' +
        helpFooter({
        examples: [
          'callconform verify --target http://localhost:8080 --state-url http://localhost:8080/_callconform/state --token "$TOKEN"',
          'callconform verify --target https://graph.example.com/v1.0 --call-id 421f0a00 --profile graph-v1.0 --only status-code enum',
        ],
        exitCodes: {
          0: 'conformant (or partial with --allow-partial)',
          1: 'nonconformant: a MUST failed, a check could not be judged, or a partial run without --allow-partial',
          2: `${USAGE_ERROR}; or a configuration error the run showed (every credentialed request refused with 401/403, the state URL not a state handler, a --call-id that names nothing): the reports are written with verdict not-judged and a hint`,
          3: 'target unreachable: no connection to its origin (refused, unknown host, TLS handshake failed, none within --timeout); a target that accepts and then misbehaves is reachable',
        },
        env: { CALLCONFORM_TOKEN: 'the token, when --token is not given', CALLCONFORM_SECRET_HEADER: 'secret headers "Name: value", one per line, when --secret-header is not given', NODE_EXTRA_CA_CERTS: NODE_EXTRA_CA_CERTS_HELP },
      }),
    )
    .hook('preAction', (_program, command) => {
      const file = applyConfigFile(command, (command.opts() as VerifyFlags).config);
      if (file !== undefined) process.stderr.write(`callconform: config: ${file}\n`);
    })
    .action(async (flags: VerifyFlags) => {
      // The key is read before the run: a run that cannot be signed should not start.
      const signingKey = flags.sign !== undefined ? (await import('../../certificate/keys.js')).loadPrivateKey(flags.sign) : undefined;
      const baseline = await baselineFromFlags(flags);
      const specs = dataDirOrDefault(flags.specs, 'specs', '--specs');
      const contracts = dataDirOrDefault(flags.contracts, 'contracts', '--contracts');
      const { options, inputs } = await verifyRunFromFlags({ ...flags, specs: specs.path, contracts: contracts.path });
      const { runAndReport } = await import('../../verify/run-and-report.js');
      // The folders are named once the run is planned: a usage error stays one line.
      const { exitCode, dirs } = await runAndReport(options, flags.reports, { inputs, onPlanned: () => process.stderr.write(specs.note + contracts.note) }, baseline);
      if (signingKey && dirs.length > 0) {
        const { writeCertificates } = await import('../../certificate/write.js');
        const files = writeCertificates(dirs, signingKey, { specsDir: options.specsDir, contractsDir: options.contractsDir });
        for (const f of files) process.stdout.write(`signed: ${f}\n`);
      }
      setExit(exitCode);
    });
};
