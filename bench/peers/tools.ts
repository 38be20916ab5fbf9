/**
 * The peer tools, installed on demand with npm into a cache folder of their own
 * (bench/peers/.tools/<name>/, git-ignored), never into the project's node_modules.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand } from './exec.js';

export type Installed = { ok: true; dir: string; version: string } | { ok: false; reason: string };

/** Pinned versions: the results page names them, and a re-run measures the same tools. */
export const PEER_PACKAGES = { specmatic: '2.55.1', dredd: '14.1.0' } as const;
export type PeerPackage = keyof typeof PEER_PACKAGES;

function lastLines(text: string, n: number): string {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.includes('Unknown user config'))
    .slice(-n)
    .join(' | ');
}

/** Install `name@version` under `<toolsDir>/<name>/` unless it is already there. */
export async function ensureNpmTool(toolsDir: string, name: PeerPackage): Promise<Installed> {
  const version = PEER_PACKAGES[name];
  const dir = join(toolsDir, name);
  const manifest = join(dir, 'node_modules', name, 'package.json');
  const installedVersion = (): string | undefined =>
    existsSync(manifest) ? (JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string }).version : undefined;
  if (installedVersion() === version) return { ok: true, dir, version };
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: `callconform-peer-${name}`, private: true }, null, 2)}\n`);
  process.stderr.write(`bench/peers: installing ${name}@${version} into ${dir} …\n`);
  const r = await runCommand('npm', ['install', '--no-audit', '--no-fund', '--no-save', `${name}@${version}`], {
    cwd: dir,
    timeoutMs: 600_000,
    logFile: join(dir, 'install.log'),
  });
  if (r.exitCode !== 0) {
    const why = r.spawnError ?? (r.timedOut ? 'npm install exceeded 10 minutes' : lastLines(r.stderr || r.stdout, 3));
    return { ok: false, reason: `npm install ${name}@${version} failed: ${why}` };
  }
  const got = installedVersion();
  return got ? { ok: true, dir, version: got } : { ok: false, reason: `npm install ${name}@${version} left no ${manifest}` };
}

/** `java -version` (Specmatic is a JVM program shipped as a jar inside its npm package). */
export async function javaVersion(): Promise<{ ok: true; version: string } | { ok: false; reason: string }> {
  const r = await runCommand('java', ['-version'], { timeoutMs: 30_000 });
  if (r.exitCode !== 0) return { ok: false, reason: r.spawnError ? `java not found (${r.spawnError})` : `java -version exited ${String(r.exitCode)}` };
  const first = (r.stderr || r.stdout).split('\n')[0]?.trim() ?? 'java';
  return { ok: true, version: first };
}
