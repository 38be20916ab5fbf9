/**
 * `npx callconform` from a packed tarball, as a user gets it: `npm pack` the project, install
 * the tarball into a fresh temporary project (dependencies from the npm registry or cache), then
 * run `--version`, `serve --port 0` and `verify` against that server from the temporary folder.
 * dist/ must be built (`npm test` does it in `pretest`); `npm pack --ignore-scripts` does not
 * recompile, it packs the dist/ that is there, as `prepack`/`prepare` would have produced it.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { name: string; version: string };
const token = randomBytes(12).toString('hex');

let work = '';
let project = '';
let server: ChildProcessWithoutNullStreams | undefined;
let serverErr = '';

interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Run a command in the temporary project; npm's own warnings about the user's npmrc are noise here. */
function run(command: string, args: string[], cwd: string, timeout = 60_000): Ran {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', timeout, env: { ...process.env, CALLCONFORM_TOKEN: token, CI: '1', npm_config_update_notifier: 'false' } });
  return { status: r.status, stdout: r.stdout ?? '', stderr: (r.stderr ?? '').split('\n').filter((l) => !l.startsWith('npm warn')).join('\n') };
}

function explain(r: Ran): string {
  return `exit ${String(r.status)}\n--- stdout\n${r.stdout.slice(-2000)}\n--- stderr\n${r.stderr.slice(-2000)}`;
}

/** The base URL `serve` prints as its first stdout line. */
function serverUrl(child: ChildProcessWithoutNullStreams, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve printed no URL within ${timeoutMs} ms; stderr: ${serverErr}`)), timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const line = out.split('\n').find((l) => /^https?:\/\//.test(l.trim()));
      if (line) {
        clearTimeout(timer);
        resolve(line.trim());
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited ${String(code)} before printing its URL; stderr: ${serverErr.trim()}`));
    });
  });
}

function findReports(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? findReports(join(dir, e.name)) : e.name === 'report.json' ? [join(dir, e.name)] : []));
}

describe('the packed tarball', () => {
  beforeAll(() => {
    if (!existsSync(join(repoRoot, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npx tsc -p tsconfig.build.json` (npm test does it in pretest)');
    work = mkdtempSync(join(tmpdir(), 'callconform-pack-'));
    const packed = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], repoRoot);
    if (packed.status !== 0) throw new Error(`npm pack failed: ${explain(packed)}`);
    const [info] = JSON.parse(packed.stdout) as { filename: string }[];
    if (!info) throw new Error(`npm pack printed no file: ${packed.stdout}`);
    project = join(work, 'project');
    run('mkdir', ['-p', project], work);
    writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'callconform-pack-test', private: true, version: '0.0.0' }, null, 2)}\n`);
    const installed = run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', join(work, info.filename)], project, 110_000);
    if (installed.status !== 0) throw new Error(`npm install of the tarball failed: ${explain(installed)}`);
  }, 120_000);

  afterAll(() => {
    if (server?.pid !== undefined && server.exitCode === null) {
      try {
        process.kill(-server.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('holds the compiled CLI (with the generated spec validator), the specs, the contracts and the suites', () => {
    const root = join(project, 'node_modules', pkg.name);
    for (const p of ['bin/callconform.js', 'dist/cli/main.js', 'dist/spec/spec-validator.generated.cjs', 'dist/lint/permissions-reference.generated.json', 'contracts/openapi', 'contracts/pacts', 'contracts/schemas', 'suites', 'specs/decisions.yaml']) {
      expect(existsSync(join(root, p)), `${p} in the tarball`).toBe(true);
    }
  });

  it('ships the MIT LICENSE, and only source pages and metadata whose licence SOURCES.md states (the Genesys page, licence not stated, stays out)', () => {
    const root = join(project, 'node_modules', pkg.name);
    expect(readFileSync(join(root, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
    expect(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))).toMatchObject({ license: 'MIT' });
    const sources = join(root, 'specs', 'sources');
    const shipped = readdirSync(sources, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(md|txt|xml)$/.test(f) && f !== 'SOURCES.md');
    expect(shipped.length).toBeGreaterThan(0);
    expect(shipped.filter((f) => f.startsWith('genesys-v2'))).toEqual([]);
    const rows = readFileSync(join(sources, 'SOURCES.md'), 'utf8').split('\n').filter((l) => l.startsWith('| '));
    for (const file of shipped) {
      const row = rows.find((l) => l.includes(`\`${file.split('\\').join('/')}\``));
      expect(row, `${file} has a row in SOURCES.md`).toBeDefined();
      expect(row!.split('|').at(-2)!.trim(), `${file}: licence`).toMatch(/^(CC BY 4\.0|MIT)/);
    }
  });

  it('answers `npx callconform --version`', () => {
    const r = run('npx', ['--no', '--', 'callconform', '--version'], project);
    expect(r.status, explain(r)).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  it('checks the packaged specs and contracts from the install folder, skipping the profile whose pages are not shipped', () => {
    const root = join(project, 'node_modules', pkg.name);
    const extract = run('npx', ['--no', '--', 'callconform', 'extract', '--check'], project);
    expect(extract.status, explain(extract)).toBe(0);
    expect(extract.stderr.split('\n')[0]).toBe(`callconform: specs: ${join(root, 'specs')} (packaged)`);
    expect(extract.stderr).toContain('callconform: genesys-v2: its pages are not shipped in the package');
    const build = run('npx', ['--no', '--', 'callconform', 'build', '--check'], project);
    expect(build.status, explain(build)).toBe(0);
    expect(build.stdout).toMatch(/^contracts up to date/);
  }, 60_000);

  it('serves the reference and certifies it with `npx callconform verify`, then with the vitest suite, from the install folder', async () => {
    server = spawn('npx', ['--no', '--', 'callconform', 'serve', '--port', '0'], {
      cwd: project,
      detached: true,
      env: { ...process.env, CALLCONFORM_TOKEN: token, CI: '1' },
    });
    server.stderr.setEncoding('utf8').on('data', (d: string) => {
      serverErr += d;
    });
    const url = await serverUrl(server, 20_000);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const r = run('npx', ['--no', '--', 'callconform', 'verify', '--target', url, '--state-url', `${url}/_callconform/state`, '--reports', 'reports'], project, 45_000);
    expect(r.status, explain(r)).toBe(0);
    const reports = findReports(join(project, 'reports'));
    expect(reports.length, 'report.json files').toBeGreaterThan(0);
    for (const file of reports) {
      const report = JSON.parse(readFileSync(file, 'utf8')) as { tool: { name: string; version: string }; verdict: string; target: string; profile: string; citations: Record<string, { url?: string; quote?: string }> };
      expect(report.tool).toEqual({ name: pkg.name, version: pkg.version });
      // Citations link to the published pages; a page the package does not ship (Genesys) is linked, not quoted.
      const citations = Object.entries(report.citations).filter(([ref]) => ref.startsWith('specs/sources/'));
      expect(citations.length, report.profile).toBeGreaterThan(0);
      for (const [ref, c] of citations) {
        expect(c.url, ref).toMatch(/^https:\/\//);
        if (report.profile === 'genesys-v2') expect(c.quote, ref).toBeUndefined();
        else expect(c.quote, ref).toBeDefined();
      }
      expect(report.verdict).toBe('conformant');
      expect(report.target.replace(/\/+$/, '')).toBe(url);
      expect(readFileSync(file, 'utf8')).not.toContain(token);
    }

    // The vitest adapter as docs/vitest.md tells a user to run it: vitest beside the package, the suite run from there.
    const vitestVersion = (JSON.parse(readFileSync(join(repoRoot, 'node_modules', 'vitest', 'package.json'), 'utf8')) as { version: string }).version;
    const installed = run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', `vitest@${vitestVersion}`], project, 110_000);
    expect(installed.status, explain(installed)).toBe(0);
    const suite = spawnSync('npx', ['--no', '--', 'vitest', 'run', '--root', 'node_modules/callconform', 'suites/'], {
      cwd: project,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, FORCE_COLOR: undefined, NO_COLOR: '1', CI: '1', CALLCONFORM_TARGET: url, CALLCONFORM_STATE_URL: `${url}/_callconform/state`, CALLCONFORM_TOKEN: token },
    });
    expect(suite.status, `${suite.stdout}\n${suite.stderr}`).toBe(0);
    expect(suite.stdout).toMatch(/Tests\s+\d+ passed \(\d+\)/);
    expect(suite.stdout + suite.stderr).not.toContain(token);
  }, 200_000);
});
