import { Option } from 'commander';
import { helpFooter, USAGE_ERROR } from '../help.js';
import { InputError } from '../../spec/errors.js';
import { dataDirOrDefault, defaultDescription } from '../data-dirs.js';
import { formatFaultList } from '../../reference/faults.js';
import type { RegisterCommand } from './index.js';
import { DEFAULT_STORE_BOUNDS } from '../../reference/store.js';
import type { TlsIdentity } from '../../reference/tls.js';

interface ServeOptions {
  port: string;
  host: string;
  token?: string;
  fault: string[];
  listFaults?: boolean;
  specs?: string;
  contracts?: string;
  tls?: boolean;
  cert?: string;
  key?: string;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new InputError(`--port must be 0..65535, got "${value}"`);
  return port;
}

/** The certificate to serve https with: none, the given PEM files, or one generated now. */
async function tlsIdentity(opts: ServeOptions): Promise<TlsIdentity | undefined> {
  if ((opts.cert === undefined) !== (opts.key === undefined)) throw new InputError(`--${opts.cert === undefined ? 'key' : 'cert'} needs --${opts.cert === undefined ? 'cert' : 'key'} too`);
  const { identityFromFiles, selfSignedIdentity } = await import('../../reference/tls.js');
  if (opts.cert !== undefined && opts.key !== undefined) return identityFromFiles(opts.cert, opts.key);
  return opts.tls ? selfSignedIdentity() : undefined;
}

/** Resolve on the first SIGINT or SIGTERM. */
function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(signal);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}

/** The store's bounds in words, from DEFAULT_STORE_BOUNDS. */
function storeHelp(): string {
  const { resources, owners, operationsPerResource } = DEFAULT_STORE_BOUNDS;
  const n = (x: number): string => x.toLocaleString('en-US');
  return (
    `\nMemory: the reference forgets what clients create, so a long-running serve stays flat: the ${n(resources.maxEntries)} most recent\n` +
    `resources (calls made by provider states or creating requests), the ${n(operationsPerResource.maxEntries)} most recent operation resources of each,\n` +
    `under the ${n(owners.maxEntries)} most recent resources that have any; nothing kept longer than ${n(Math.max(resources.maxAgeMs, owners.maxAgeMs, operationsPerResource.maxAgeMs) / 60_000)} minutes. Older ones answer 404.\n`
  );
}

export const registerServe: RegisterCommand = (program, setExit) => {
  program
    .command('serve')
    .summary('run the reference implementation of every profiled operation (optionally with faults)')
    .description(
      'Run the reference implementation: a real HTTP server (and a Bayeux/CometD endpoint) that implements every profiled operation as the specs say, with the provider-state endpoint POST /_callconform/state. ' +
        'It prints its base URL alone on stdout when it listens and stops on SIGINT or SIGTERM. With --fault it deviates from the docs in one documented way per fault, which verify must catch.',
    )
    .option('--port <n>', 'port to listen on; 0 picks a free one', '8080')
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--token <token>', 'require "Authorization: Bearer <token>" where the docs document Authorization (or env CALLCONFORM_TOKEN); without a token nothing is checked')
    .option('--fault <name>', 'switch on a documented deviation (repeatable; slow=MS sets the delay)', collect, [])
    .option('--list-faults', 'print the fault catalogue with the check that must catch each fault, and exit')
    .option('--tls', 'serve https (the Bayeux endpoint too), for clients that send tokens to https only (the Graph JS client), with a self-signed certificate made at start for localhost, 127.0.0.1 and ::1; the start line names its PEM file: trust it with NODE_EXTRA_CA_CERTS=<file> or verify --ca <file>')
    .option('--cert <file>', 'serve https with this PEM certificate (chain) instead; needs --key')
    .option('--key <file>', 'the PEM private key of --cert')
    .addOption(new Option('--specs <dir>', `spec folder (default: ${defaultDescription('specs')})`))
    .addOption(new Option('--contracts <dir>', `contracts folder, compiled schemas under schemas/ (default: ${defaultDescription('contracts')})`))
    .addHelpText(
      'after',
      storeHelp() +
        helpFooter({
        examples: [
          'callconform serve --port 8080 --token "$TOKEN"',
          'callconform serve --port 0 --fault no-location --fault slow=200',
          'callconform serve --tls --port 8443   # then: verify --target https://127.0.0.1:8443 --ca <the PEM file it names>',
          'callconform serve --port 8443 --cert server.pem --key server-key.pem',
          'callconform serve --list-faults',
        ],
        exitCodes: { 0: 'stopped by SIGINT or SIGTERM (or --list-faults printed)', 2: `${USAGE_ERROR}: an unknown fault, a port in use, a missing compiled schema, an unreadable --cert or --key` },
        env: { CALLCONFORM_TOKEN: 'the token, when --token is not given' },
      }),
    )
    .action(async (opts: ServeOptions) => {
      if (opts.listFaults) {
        process.stdout.write(formatFaultList());
        setExit(0);
        return;
      }
      const token = opts.token ?? process.env.CALLCONFORM_TOKEN;
      // Loaded here, not at CLI start: the other commands need neither faye nor the schema loader.
      const { startReference } = await import('../../reference/server.js');
      const specs = dataDirOrDefault(opts.specs, 'specs', '--specs');
      const contracts = dataDirOrDefault(opts.contracts, 'contracts', '--contracts');
      const port = parsePort(opts.port);
      const identity = await tlsIdentity(opts);
      try {
        const server = await startReference({
          port,
          host: opts.host,
          token: token === '' ? undefined : token,
          faults: opts.fault,
          specsDir: specs.path,
          contractsDir: contracts.path,
          tls: identity,
        });
        const stopped = untilSignal();
        process.stdout.write(`${server.url}\n`);
        process.stderr.write(specs.note + contracts.note);
        const certificate = identity ? `; certificate: ${identity.certFile}` : '';
        process.stderr.write(
          `callconform serve: reference implementation on ${server.url} (faults: ${server.faults.length > 0 ? server.faults.join(', ') : 'none'}; auth: ${token ? 'token required' : 'not checked, no --token'}${certificate}); Ctrl-C stops it\n`,
        );
        const signal = await stopped;
        await server.close();
        process.stderr.write(`callconform serve: stopped (${signal})\n`);
      } finally {
        identity?.dispose();
      }
      setExit(0);
    });
};
