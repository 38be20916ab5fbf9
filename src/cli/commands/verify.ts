import { dataDir } from '../data-dirs.js';
import { assertFolderPath } from '../output-paths.js';
import type { CheckName } from '../../report/result.js';
import { InputError } from '../../spec/errors.js';
import { CHECK_VOCABULARY, DEFAULTS, parseBoundedInt, parseHeaders, parseHttpUrl, type TargetOptions, type VerifyOptions } from '../../verify/options.js';
import type { Inputs } from '../../verify/plan.js';
import type { PreparedRunner, Runner } from '../../verify/certify.js';
import type { RegisterCommand } from './index.js';

// Heavy modules (specs, ajv, cometd, vitest) load only when the command runs.
const CHECK_NAMES: readonly string[] = CHECK_VOCABULARY;

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
  timeout: string;
  maxBody: string;
  concurrency: string;
  specs: string;
  contracts: string;
  runner: string;
  sign?: string;
}

/** A run as the flags describe it: options, the inputs read once, and the runner made ready meanwhile. */
export interface VerifyRun {
  options: VerifyOptions;
  inputs: Inputs;
  prepared: PreparedRunner;
}

/** Turn the flags into run options and inputs; every problem is one InputError line (exit 2). */
export async function verifyRunFromFlags(flags: VerifyFlags & { runner: Runner }, env: NodeJS.ProcessEnv = process.env): Promise<VerifyRun> {
  if (!flags.target) throw new InputError('--target URL is required (the implementation\'s base URL)');
  const target = parseHttpUrl(flags.target, '--target');
  if (flags.callId !== undefined && flags.stateUrl !== undefined) throw new InputError('give either --call-id or --state-url, not both');
  if (flags.callId === undefined && flags.stateUrl === undefined) throw new InputError('give --state-url URL (a fresh call per check) or --call-id ID (an existing call)');
  if (flags.callId !== undefined && flags.callId.trim() === '') throw new InputError('--call-id must not be empty');
  const stateUrl = flags.stateUrl !== undefined ? parseHttpUrl(flags.stateUrl, '--state-url').href : undefined;
  const cometdUrl = flags.cometdUrl !== undefined ? parseHttpUrl(flags.cometdUrl, '--cometd-url').href : undefined;
  const only = flags.only?.flatMap((o) => o.split(',')).map((o) => o.trim()).filter((o) => o !== '');
  for (const name of only ?? []) {
    if (!CHECK_NAMES.includes(name)) throw new InputError(`unknown check "${name}" for --only (known: ${CHECK_NAMES.join(', ')})`);
  }
  const token = flags.token ?? env.CALLCONFORM_TOKEN;
  if (token !== undefined && token !== '' && /[\s]/.test(token)) throw new InputError('the token must not contain whitespace');
  if (token !== undefined && token !== '' && !/^[\x21-\x7e]+$/.test(token)) throw new InputError('the token must be printable ASCII');
  const headers = parseHeaders(flags.header, flags.secretHeader);
  // Checked before the run, not after it: a reports path that cannot be a folder would lose the run.
  assertFolderPath(flags.reports, '--reports');
  const timeoutMs = parseBoundedInt(flags.timeout, '--timeout', 1, 600_000);
  const maxBodyBytes = parseBoundedInt(flags.maxBody, '--max-body', 1, 1_073_741_824);
  const concurrency = parseBoundedInt(flags.concurrency, '--concurrency', 1, 256);
  // Specs and schemas are read on a thread while this one makes the runner ready: the two longest start-up steps overlap.
  const { loadInputsInThread } = await import('../../verify/load-inputs-thread.js');
  const loading = loadInputsInThread(flags.specs, flags.contracts);
  loading.catch(() => undefined); // awaited below; an early failure must not count as unhandled meanwhile
  const [{ knownProfiles }, { prepareRunner }] = await Promise.all([import('../../verify/plan.js'), import('../../verify/certify.js')]);
  const prepared = prepareRunner(flags.runner, { timeoutMs, concurrency });
  let inputs: Inputs;
  let profiles: string[];
  try {
    inputs = await loading;
    const known = knownProfiles(inputs);
    profiles = flags.profile?.flatMap((p) => p.split(',')).map((p) => p.trim()).filter((p) => p !== '') ?? known;
    for (const p of profiles) if (!known.includes(p)) throw new InputError(`unknown profile "${p}" (known: ${known.join(', ')})`);
  } catch (err) {
    await prepared.dispose();
    throw err;
  }
  const url = target.href.replace(/\/+$/, '');
  const targets: TargetOptions[] = [...new Set(profiles)].map((profile) => ({
    profile,
    url,
    ...(stateUrl ? { stateUrl } : {}),
    ...(flags.callId !== undefined ? { callId: flags.callId } : {}),
    ...(cometdUrl ? { cometdUrl } : {}),
  }));
  const options: VerifyOptions = {
    targets,
    ...(token ? { token } : {}),
    ...(headers.length > 0 ? { headers } : {}),
    ...(only && only.length > 0 ? { only: only as CheckName[] } : {}),
    timeoutMs,
    maxBodyBytes,
    concurrency,
    specsDir: flags.specs,
    contractsDir: flags.contracts,
  };
  return { options, inputs, prepared };
}

export const registerVerify: RegisterCommand = (program, setExit) => {
  program
    .command('verify')
    .summary('certify an implementation against the contracts')
    .description(
      'Run the conformance suites (suites/, by vitest) against an implementation: every check instance is\n' +
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
    .option('--timeout <ms>', 'time limit per request and per awaited notification', String(DEFAULTS.timeoutMs))
    .option('--max-body <bytes>', 'largest response body read', String(DEFAULTS.maxBodyBytes))
    .option('--concurrency <n>', 'independent checks in flight at once', String(DEFAULTS.concurrency))
    .option('--specs <dir>', 'spec folder (default: ./specs, else the packaged one)', dataDir('specs'))
    .option('--contracts <dir>', 'contracts folder (default: ./contracts, else the packaged one)', dataDir('contracts'))
    .option('--runner <name>', 'vitest (the suites, run by vitest) or direct (the same checks without the test runner: same verdicts, ≈ 0.2 s less start-up)', 'vitest')
    .option('--sign <key>', 'sign the run: write certificate.json beside each report.json, signed with this Ed25519 private key (PEM); check it with check-certificate')
    .addHelpText(
      'after',
      '\nExample:\n  callconform verify --target http://localhost:8080 --state-url http://localhost:8080/_callconform/state --token "$TOKEN"\n\n' +
        'Exit codes: 0 conformant, 1 nonconformant (a MUST failed, or a check could not be judged), 2 usage or configuration error, 3 target unreachable.',
    )
    .action(async (flags: VerifyFlags) => {
      if (flags.runner !== 'vitest' && flags.runner !== 'direct') throw new InputError(`--runner must be vitest or direct, got ${JSON.stringify(flags.runner)}`);
      // The key is read before the run: a run that cannot be signed should not start.
      const signingKey = flags.sign !== undefined ? (await import('../../certificate/keys.js')).loadPrivateKey(flags.sign) : undefined;
      const { options, inputs, prepared } = await verifyRunFromFlags({ ...flags, runner: flags.runner });
      const { runAndReport } = await import('../../verify/run-and-report.js');
      const { exitCode, dirs } = await runAndReport(options, flags.reports, { inputs, prepared });
      if (signingKey && dirs.length > 0) {
        const { writeCertificates } = await import('../../certificate/write.js');
        const files = writeCertificates(dirs, signingKey, { specsDir: options.specsDir, contractsDir: options.contractsDir });
        for (const f of files) process.stdout.write(`signed: ${f}\n`);
      }
      setExit(exitCode);
    });
};
