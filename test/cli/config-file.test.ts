/**
 * The config file: ./callconform.yaml or --config FILE holds any verify flag; flags on the command
 * line override it; relative paths are the file's folder's; secrets are refused; a bad file is
 * exit 2 with file:line. Through the built CLI against the reference, in a folder of its own.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerVerify } from '../../src/cli/commands/verify.js';
import { configSchema } from '../../src/cli/config-file.js';
import { STATE_PATH } from '../../src/reference/server.js';
import { useReference } from '../verify/reference-pair.js';
import { looksLikeStackTrace, runCliAsync } from '../helpers.js';

const TOKEN = 'config-file-token-2f81';

describe('callconform.yaml / --config (CLI)', () => {
  const reference = useReference(TOKEN);

  /** A fresh folder holding the given files. */
  function folder(files: Record<string, string>): string {
    const dir = reference.reportsDir();
    mkdirSync(dir, { recursive: true });
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    return dir;
  }
  const config = (extra = ''): string => `target: ${reference.server().url}\nstate-url: ${reference.server().url}${STATE_PATH}\nprofile: graph-v1.0\nreports: out\ntimeout: 4000\n${extra}`;
  const runIn = (cwd: string, args: string[] = []): ReturnType<typeof runCliAsync> => runCliAsync(['verify', ...args], { cwd, env: { CALLCONFORM_TOKEN: TOKEN } });
  const profilesIn = (dir: string): string[] => readdirSync(dir).filter((d) => /-graph-/.test(d)).map((d) => d.replace(/^\d{8}-\d{6}(-\d+)?-/, ''));

  it('./callconform.yaml is read when present and says so on stderr; its relative reports path is the folder\'s', async () => {
    const dir = folder({ 'callconform.yaml': config() });
    const r = await runIn(dir);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr.split('\n')[0]).toBe('callconform: config: callconform.yaml');
    expect(profilesIn(join(dir, 'out'))).toEqual(['graph-v1.0']);
  });

  it('flags on the command line override the file', async () => {
    const dir = folder({ 'callconform.yaml': config() });
    const r = await runIn(dir, ['--profile', 'graph-beta', '--reports', 'cli-out']);
    expect(r.status, r.stderr).toBe(0);
    expect(existsSync(join(dir, 'out'))).toBe(false);
    expect(profilesIn(join(dir, 'cli-out'))).toEqual(['graph-beta']);
  });

  it('--config FILE elsewhere: paths in it are relative to its folder; lists and booleans are read', async () => {
    const dir = folder({ 'ci/conf.yaml': config('only: [status-code, enum]\nallow-partial: true\n') });
    const r = await runIn(dir, ['--config', 'ci/conf.yaml']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^graph-v1\.0\s+partial/m);
    expect(profilesIn(join(dir, 'ci', 'out'))).toEqual(['graph-v1.0']);
  });

  it.each([
    ['a token', 'token: abc123456789\n', /:6: token: secrets are not read from a config file \(it is committed\); set CALLCONFORM_TOKEN$/],
    ['a secret header', 'secret-header: "X-Api-Key: k"\n', /:6: secret-header: secrets are not read from a config file .*CALLCONFORM_SECRET_HEADER/],
    ['an unknown field', 'profiles: [graph-v1.0]\n', /:6: not a valid config file: unknown field "profiles"$/],
    ['a timeout that is not a number', 'concurrency: many\n', /:6: not a valid config file: concurrency: must be integer$/],
    ['YAML that does not parse', 'only: [status-code\n', /:\d+: YAML syntax error/],
  ])('a config file with %s is exit 2 naming file:line, and nothing runs', async (_what, extra, message) => {
    const dir = folder({ 'callconform.yaml': config(extra) });
    const r = await runIn(dir);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toMatch(new RegExp(`^callconform: callconform\\.yaml${message.source}`));
    expect(looksLikeStackTrace(r.stderr)).toBe(false);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('--config naming no file is exit 2', async () => {
    const r = await runIn(folder({}), ['--config', 'nope.yaml']);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe('callconform: nope.yaml: no such config file');
  });

  it('the schema names every verify flag except the secrets and --config itself', () => {
    const program = new Command();
    registerVerify(program, () => undefined);
    const flags = program.commands[0]!.options.map((o) => o.long!.slice(2)).filter((f) => !['token', 'secret-header', 'config', 'help'].includes(f));
    expect(Object.keys(configSchema.properties).sort()).toEqual(flags.sort());
  });
});
