import { Option } from 'commander';
import { helpFooter, USAGE_ERROR } from '../help.js';
import { InputError } from '../../spec/errors.js';
import { dataDirOrDefault, defaultDescription } from '../data-dirs.js';
import { REDACTED_CHILD_ENV, runRedactedChild } from '../redacted-child.js';
import { warnIfShortToken } from '../short-token.js';
import { DEFAULTS, MAX_BODY_CAP, parseBoundedInt } from '../../verify/options.js';
import { CA_FLAG_HELP, NODE_EXTRA_CA_CERTS_HELP, trustedCas } from '../../verify/trusted-cas.js';
import type { RegisterCommand } from './index.js';

interface PactVerifyCliOptions {
  target: string;
  stateUrl: string;
  token?: string;
  pacts?: string;
  profile?: string;
  timeout: string;
  maxBody: string;
  ca?: string;
}

function httpUrl(value: string, flag: string): string {
  try {
    const u = new URL(value);
    if (u.protocol === 'http:' || u.protocol === 'https:') return value.replace(/\/+$/, '');
  } catch {
    // reported below
  }
  throw new InputError(`${flag} must be an http(s) URL, got "${value}"`);
}

export const registerPactVerify: RegisterCommand = (program, setExit) => {
  program
    .command('pact-verify')
    .summary("verify a live target against contracts/pacts/ with Pact's own verifier")
    .description(
      "Run Pact's Rust verifier (through @pact-foundation/pact's Verifier) over contracts/pacts/*.json against a live target. " +
        'Each provider state the pacts name ("a call exists", "a participant exists in a call") is set up by POSTing {"state","params","action":"setup"} to --state-url, ' +
        'which answers an id per path parameter ({"callId":"…","participantId":"…"}; see docs/target-contract.md). ' +
        'With --token (or CALLCONFORM_TOKEN) the interactions that carry Authorization send "Bearer <token>"; the token is never printed. ' +
        'CometD message interactions are counted, not verified here (`callconform verify` subscribes to them).',
    )
    .requiredOption('--target <url>', 'base URL of the implementation, including any path prefix')
    .requiredOption('--state-url <url>', "provider-state endpoint (Pact's convention)")
    .option('--token <token>', 'bearer token (default: env CALLCONFORM_TOKEN)')
    .addOption(new Option('--pacts <dir>', `pacts folder (default: ${defaultDescription('contracts/pacts')})`))
    .option('--profile <name>', 'verify only this profile (provider) pact')
    .option('--timeout <ms>', 'time limit per request, in ms', '10000')
    .option('--ca <file>', CA_FLAG_HELP)
    .option('--max-body <bytes>', `largest answer body read (decoded), from the target and the state URL, in bytes (at most ${MAX_BODY_CAP})`, String(DEFAULTS.maxBodyBytes))
    .addHelpText(
      'after',
      helpFooter({
        examples: ['callconform pact-verify --target http://localhost:8080 --state-url http://localhost:8080/_callconform/state --token "$TOKEN"'],
        exitCodes: {
          0: 'verified',
          1: 'verification failed',
          2: `${USAGE_ERROR}; or the state URL is not a state handler (it answers 404/405, or not the documented JSON)`,
          3: 'target unreachable: no connection to its origin (the same probe as verify)',
        },
        env: { CALLCONFORM_TOKEN: 'the token, when --token is not given', NODE_EXTRA_CA_CERTS: NODE_EXTRA_CA_CERTS_HELP },
      }),
    )
    .action(async (opts: PactVerifyCliOptions) => {
      const target = httpUrl(opts.target, '--target');
      const stateUrl = httpUrl(opts.stateUrl, '--state-url');
      const timeoutMs = Number(opts.timeout);
      if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) throw new InputError(`--timeout must be a positive integer (ms), got "${opts.timeout}"`);
      const maxBodyBytes = parseBoundedInt(opts.maxBody, '--max-body', 1, MAX_BODY_CAP);
      const ca = opts.ca !== undefined ? trustedCas(opts.ca) : undefined;
      const token = opts.token || process.env.CALLCONFORM_TOKEN || undefined;
      const pacts = dataDirOrDefault(opts.pacts, 'contracts/pacts', '--pacts');
      const pactsDir = pacts.path;
      process.stderr.write(pacts.note);
      if (!process.env[REDACTED_CHILD_ENV]) warnIfShortToken(token);
      if (token && !process.env[REDACTED_CHILD_ENV]) {
        // Pact's native verifier prints mismatches (echoed headers and bodies) straight to stdout:
        // run it in a child whose output is redacted. The token travels in the environment.
        const args = ['pact-verify', '--target', target, '--state-url', stateUrl, '--pacts', pactsDir, '--timeout', String(timeoutMs), '--max-body', String(maxBodyBytes), ...(opts.ca !== undefined ? ['--ca', opts.ca] : []), ...(opts.profile ? ['--profile', opts.profile] : [])];
        const code = await runRedactedChild(args, { CALLCONFORM_TOKEN: token }, [token, `Bearer ${token}`]);
        return setExit(code === 0 || code === 1 || code === 3 ? code : 2);
      }
      // Loaded on use: Pact's native core takes most of a second to load.
      const [{ probeTargets }, { verifyPacts }] = await Promise.all([import('../../verify/probe.js'), import('../../verify/pact-verify.js')]);
      const unreachable = await probeTargets([target], timeoutMs, ca);
      if (unreachable) {
        process.stderr.write(`callconform: target unreachable: ${unreachable.url}: ${unreachable.reason}\n`);
        return setExit(3);
      }
      const result = await verifyPacts(
        { target, stateUrl, pactsDir, timeoutMs, maxBodyBytes, ...(ca ? { ca } : {}), ...(token ? { token } : {}), ...(opts.profile ? { profile: opts.profile } : {}) },
      );
      if (result.configuration) {
        process.stderr.write(`callconform: configuration error: ${result.configuration.message} (nothing verified)\nhint: ${result.configuration.hint}\n`);
        return setExit(2);
      }
      const scope = `${result.httpInteractions} HTTP interactions of ${result.pacts.length} pact(s)`;
      const skipped = result.skippedMessages ? `; ${result.skippedMessages} CometD message interaction(s) left to \`callconform verify\`` : '';
      if (result.passed) {
        process.stdout.write(`pact verification passed: ${scope}${skipped}\n`);
        return setExit(0);
      }
      // What the target did instead of answering (Pact shows only the stand-in's status and content type).
      const replaced = result.replaced.map((r) => `  the target's answer to ${r}\n`).join('');
      process.stderr.write(`pact verification failed: ${scope}${skipped}\n${result.failure ? `${result.failure}\n` : ''}${replaced}`);
      setExit(1);
    });
};
