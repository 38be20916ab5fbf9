/**
 * Secrets never leave callconform: every command that takes one (verify, pact-verify, serve, and
 * start with its one-run token) runs with distinctive secrets — the token (flag and environment),
 * a `--secret-header`, a Cookie given with `--header` — against the reference and against a
 * target that echoes every request header back (bodies raw, base64 and URL-encoded, response
 * headers, Set-Cookie, Location, Bayeux errors). Every output is searched: report.json,
 * junit.xml, summary.md, report.html, curl lines inside them, stdout, stderr, error lines.
 */
import { spawn } from 'node:child_process';
import { cpSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { REDACTED as REDACTED_MARK } from '../../src/report/redact.js';
import { startReference, STATE_PATH as REF_STATE_PATH, type ReferenceServer } from '../../src/reference/server.js';
import { cliPath, repoRoot, tempDir } from '../helpers.js';
import { bayeuxEcho, COMETD_PATH, echoHeaders, httpServer, STATE_PATH, withState, type HostileServer } from '../hostile/servers.js';

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], opts: { env?: Record<string, string>; cwd?: string; onStdout?: (s: string, kill: () => void) => void } = {}): Promise<Exit> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cliPath, ...args], { cwd: opts.cwd ?? repoRoot, env: { ...process.env, CI: '1', CALLCONFORM_TOKEN: '', ...opts.env } });
    let stdout = '';
    let stderr = '';
    const kill = (): void => void child.kill('SIGTERM');
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      opts.onStdout?.(stdout, kill);
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const guard = setTimeout(() => child.kill('SIGKILL'), 40_000);
    child.on('close', (code) => {
      clearTimeout(guard);
      resolve({ code, stdout, stderr });
    });
  });
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name));
}

/** The forms of a secret a careless output could carry: raw, base64, URL-encoded, and as the header line it was sent in. */
function leakForms(secret: string): string[] {
  const b64 = (s: string): string => Buffer.from(s).toString('base64');
  return [secret, b64(secret), encodeURIComponent(secret), b64(`Bearer ${secret}`), encodeURIComponent(`Bearer ${secret}`)];
}

/** Which forms of which secrets occur in which outputs (empty when nothing leaked). */
function leaks(outputs: Record<string, string>, secrets: readonly string[]): string[] {
  const found: string[] = [];
  for (const [where, text] of Object.entries(outputs)) {
    for (const secret of secrets) for (const form of leakForms(secret)) if (text.includes(form)) found.push(`${where}: ${form}`);
  }
  return found;
}

function reportOutputs(dir: string): Record<string, string> {
  return Object.fromEntries(filesUnder(dir).map((f) => [f.slice(dir.length), readFileSync(f, 'utf8')]));
}

// Distinctive values: any occurrence in an output is a leak.
const REF_TOKEN = 'refTokSecret7a41c9e2d0';
const ECHO_TOKEN = 'echoTokSecret3b8d51f6aa';
const PACT_TOKEN = 'pactTokSecret90e1c4b7d2';
const SERVE_TOKEN = 'serveTokSecret5c27e08f13';
const API_KEY = 'apiKeySecret4e9f0a6b71';
const COOKIE = 'cookieSecret8d13b2f5c0';
const VISIBLE = 'visible-trace-value-62b1';

describe('secrets never appear in any output', () => {
  let reference: ReferenceServer;
  let echo: HostileServer;
  const seen: Record<string, string | string[] | undefined>[] = [];
  const out = tempDir();
  beforeAll(async () => {
    reference = await startReference({ port: 0, token: REF_TOKEN });
    const handler = withState(echoHeaders, bayeuxEcho);
    echo = await httpServer((req, res, body) => {
      seen.push(req.headers);
      handler(req, res, body);
    });
  });
  afterAll(async () => {
    await reference.close();
    await echo.close();
    out.cleanup();
  });

  it('verify, pact-verify, serve and start keep every secret out of reports, curl lines, stdout and stderr', async () => {
    const ref = `${reference.url}/graph-v1.0`;
    const scratch = join(out.dir, 'start');
    cpSync(join(repoRoot, 'specs'), join(scratch, 'specs'), { recursive: true });
    cpSync(join(repoRoot, 'contracts'), join(scratch, 'contracts'), { recursive: true });
    let serveUrl = '';
    const serveBodies: string[] = [];

    const [againstReference, againstEcho, pactEcho, serve, start] = await Promise.all([
      // Token as a flag, against the reference (which demands it).
      cli([
        'verify', '--target', ref, '--state-url', `${ref}${REF_STATE_PATH}`, '--profile', 'graph-v1.0', '--token', REF_TOKEN,
        '--secret-header', `X-Api-Key: ${API_KEY}`, '--header', `Cookie: session=${COOKIE}`, '--header', `X-Trace: ${VISIBLE}`, '--reports', join(out.dir, 'ref'),
      ]),
      // Token from the environment, against a target that echoes everything, every profile.
      cli(
        [
          'verify', '--target', echo.url, '--state-url', `${echo.url}${STATE_PATH}`, '--cometd-url', `${echo.url}${COMETD_PATH}`,
          '--secret-header', `X-Api-Key: ${API_KEY}`, '--header', `Cookie: session=${COOKIE}`, '--timeout', '2000', '--reports', join(out.dir, 'echo'),
        ],
        { env: { CALLCONFORM_TOKEN: ECHO_TOKEN } },
      ),
      // Pact's native verifier prints mismatches with the echoed headers and bodies.
      cli(['pact-verify', '--target', echo.url, '--state-url', `${echo.url}${STATE_PATH}`, '--token', PACT_TOKEN, '--timeout', '2000']),
      // The reference with a token: its announcements, its 401 answers.
      cli(['serve', '--port', '0', '--token', SERVE_TOKEN], {
        onStdout: (stdout, kill) => {
          const url = stdout.split('\n')[0]?.trim() ?? '';
          if (!url.startsWith('http') || serveUrl) return;
          serveUrl = url;
          void (async () => {
            for (const auth of ['Bearer wrong-token', '', `Bearer ${SERVE_TOKEN}x`]) {
              const res = await fetch(`${url}/graph-v1.0/communications/calls/x/updateRecordingStatus`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...(auth ? { Authorization: auth } : {}) }, body: '{}' });
              serveBodies.push(`${res.status} ${JSON.stringify([...res.headers])} ${await res.text()}`);
            }
            kill();
          })();
        },
      }),
      // The whole pipeline with its one-run token, in a scratch copy of the checkout.
      cli(['start', '--timeout', '2000'], { cwd: scratch }),
    ]);

    // verify against the reference: conformant, secret headers sent, only the plain one visible.
    expect(againstReference.code, againstReference.stderr).toBe(0);
    const refFiles = reportOutputs(join(out.dir, 'ref'));
    expect(Object.keys(refFiles).map((f) => f.split('/').pop()).sort()).toEqual(['index.html', 'junit.xml', 'report.html', 'report.json', 'summary.md', 'summary.md']);
    const refJson = Object.entries(refFiles).find(([f]) => f.endsWith('report.json'))![1];
    expect(refJson).toContain(VISIBLE);
    expect(refJson).toMatch(/"X-Api-Key": "\[REDACTED\]"/);
    expect(refJson).toMatch(/-H \\"Authorization: Bearer \$CALLCONFORM_TOKEN\\"/);
    expect(leaks({ ...refFiles, stdout: againstReference.stdout, stderr: againstReference.stderr }, [REF_TOKEN, API_KEY, COOKIE])).toEqual([]);

    // verify against the echoing target: it got every secret, and handed each back in many forms.
    expect(againstEcho.code, againstEcho.stderr).toBe(1);
    expect(seen.some((h) => h.authorization === `Bearer ${ECHO_TOKEN}` && h['x-api-key'] === API_KEY && h.cookie === `session=${COOKIE}`)).toBe(true);
    const echoFiles = reportOutputs(join(out.dir, 'echo'));
    expect(Object.keys(echoFiles).length).toBe(14); // four files for each of three profiles, and the run's summary.md and index.html
    expect(Object.values(echoFiles).join('\n')).toMatch(/curl -sS -i -X POST/);
    expect(leaks({ ...echoFiles, stdout: againstEcho.stdout, stderr: againstEcho.stderr }, [ECHO_TOKEN, API_KEY, COOKIE])).toEqual([]);

    // pact-verify against the echoing target: fails, prints the mismatches, never the token.
    expect(pactEcho.code, pactEcho.stderr).toBe(1);
    expect(pactEcho.stdout).toMatch(/Verifying a pact between/);
    expect(pactEcho.stdout).toMatch(/\[REDACTED\]/);
    expect(seen.some((h) => h.authorization === `Bearer ${PACT_TOKEN}`)).toBe(true);
    expect(leaks({ stdout: pactEcho.stdout, stderr: pactEcho.stderr }, [PACT_TOKEN])).toEqual([]);

    // serve: announced, answered 401 three times, stopped; the token in none of it.
    expect(serveUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(serveBodies.map((b) => b.slice(0, 3))).toEqual(['401', '401', '401']);
    expect(serve.stderr).toMatch(/auth: token required/);
    expect(leaks({ stdout: serve.stdout, stderr: serve.stderr, answers: serveBodies.join('\n') }, [SERVE_TOKEN])).toEqual([]);

    // start: its one-run token is unknown here, so no bearer credential may appear at all.
    expect(start.code, start.stderr).toBe(0);
    const startFiles = reportOutputs(join(scratch, 'reports'));
    const startText = [...Object.values(startFiles), start.stdout, start.stderr].join('\n');
    expect(startText).toMatch(/Bearer \$CALLCONFORM_TOKEN/);
    expect(startText.match(/Bearer (?!\$CALLCONFORM_TOKEN|\[REDACTED\]|realm)[A-Za-z0-9._~+/-]{8,}/g) ?? []).toEqual([]);
  });

  it('error lines never repeat a secret typed on the command line', async () => {
    const lines: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    const S = 'argvSecret1f7e3a9c55';
    try {
      const cases = [
        ['verify', '--target', S, '--token', S, '--call-id', 'a'],
        ['verify', '--target', 'http://127.0.0.1:9', '--call-id', 'a', '--secret-header', S],
        ['verify', '--target', 'http://127.0.0.1:9', '--call-id', 'a', '--header', `Authorization: Bearer ${S}`],
        ['verify', '--target', 'http://127.0.0.1:9', '--call-id', 'a', '--header', `X Bad Name: ${S}`],
        ['verify', '--target', 'http://127.0.0.1:9', '--call-id', 'a', '--secret-header', `X-Key: ${S}\u0001`],
        ['verify', `--token=${S}`, '--target', `http://${S}`, '--call-id', 'a', '--timeout', S],
        ['pact-verify', '--target', S, '--state-url', S, '--token', S],
        ['serve', '--port', S, '--token', S],
        ['verify', '--tokn', S],
      ];
      for (const args of cases) {
        const before = lines.length;
        const code = await main(['node', 'callconform', ...args]);
        expect(code, args.join(' ')).toBe(2);
        expect(lines.slice(before).join(''), args.join(' ')).not.toMatch(/^\s*$/);
      }
    } finally {
      spy.mockRestore();
    }
    expect(leaks({ stderr: lines.join('') }, [S])).toEqual([]);
  });
});

/**
 * What a careless reader could still decode out of an output: a secret (or its first 8 characters)
 * after undoing %-encoding (any case), JSON `\/`, HTML entities, or base64 of any run of base64
 * characters at any of its four alignments.
 */
function decodableLeaks(outputs: Record<string, string>, secret: string): string[] {
  const head = secret.slice(0, 8);
  const found: string[] = [];
  for (const [where, text] of Object.entries(outputs)) {
    const undone = text
      .replace(/%([0-9a-f]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16)))
      .replace(/&#(\d+);/g, (_m, d: string) => String.fromCharCode(Number(d)))
      .replace(/&#x([0-9a-f]+);/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16)))
      .replaceAll('\\/', '/');
    if (undone.includes(head)) found.push(`${where}: ${head}`);
    for (const run of text.match(/[A-Za-z0-9+/_-]{11,}/g) ?? []) {
      for (let skip = 0; skip < 4; skip++) {
        if (Buffer.from(run.slice(skip), 'base64').toString('latin1').includes(head)) found.push(`${where}: base64 ${run.slice(0, 40)}`);
      }
    }
  }
  return found;
}

describe('encoded echoes and short tokens, through the built CLI', () => {
  // Printable ASCII with the characters encoders change: `+`, `/`, `=`.
  const TOKEN = 'tok+SECRET/9c1e4f=';
  let target: HostileServer;
  let reference: ReferenceServer;
  const out = tempDir();
  beforeAll(async () => {
    // Every answer hands the token back encoded: lower-case %-encoding, JSON `\/`, entities, and
    // base64 straddling the 4,096-character evidence limit.
    target = await httpServer(
      withState((_req, res) => {
        const b64 = Buffer.from(TOKEN).toString('base64');
        const head = `lower ${encodeURIComponent(TOKEN).toLowerCase()} json ${JSON.stringify(TOKEN).replaceAll('/', '\\/')} html ${[...TOKEN].map((c) => `&#${c.charCodeAt(0)};`).join('')} `;
        const body = `${head}${'x'.repeat(4096 - head.length - 9)}${b64}${'y'.repeat(200)}`;
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        res.end(body);
      }),
    );
    reference = await startReference({ port: 0, token: 't0k' });
  });
  afterAll(async () => {
    await target.close();
    await reference.close();
    out.cleanup();
  });

  it('no report file carries a decodable form of the token', async () => {
    const reports = join(out.dir, 'encoded');
    const run = await cli(['verify', '--target', target.url, '--state-url', `${target.url}${STATE_PATH}`, '--profile', 'graph-v1.0', '--token', TOKEN, '--timeout', '2000', '--reports', reports]);
    expect(run.code, run.stderr).toBe(1);
    const files = reportOutputs(reports);
    // report.json, junit.xml, summary.md, report.html, and the run's summary.md and index.html.
    expect(Object.keys(files)).toHaveLength(6);
    expect(Object.values(files).join('\n')).toMatch(/xxxx/);
    expect(decodableLeaks({ ...files, stdout: run.stdout, stderr: run.stderr }, TOKEN)).toEqual([]);
  });

  it('a token shorter than 8 characters is accepted with a warning, and leaves ids, requirements and the verdict intact', async () => {
    const reports = join(out.dir, 'short');
    const run = await cli(['verify', '--target', reference.url, '--state-url', `${reference.url}${REF_STATE_PATH}`, '--profile', 'graph-v1.0', '--token', 't0k', '--reports', reports]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/^callconform: warning: the token is shorter than 8 characters, so it cannot be told apart from ordinary text/);
    const json = Object.entries(reportOutputs(reports)).find(([f]) => f.endsWith('report.json'))![1];
    const report = JSON.parse(json) as { verdict: string; results: { id: string; requirement: string }[] };
    expect(report.verdict).toBe('conformant');
    for (const r of report.results) {
      expect(r.id).toMatch(/^graph-v1\.0\/updateRecordingStatus\/[a-z-]+\/[\w.=-]+$/);
      expect(r.requirement).not.toContain(REDACTED_MARK);
    }
    expect(report.results.map((r) => r.id)).toContain('graph-v1.0/updateRecordingStatus/status-code/valid-request');
  });
});
