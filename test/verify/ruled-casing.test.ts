/**
 * A vendor that answers the operation status in the metadata's casing ("Completed" where the
 * resource page says "completed"): a real HTTP server (the reference behind a small rewriting
 * proxy) verified through the built CLI. The verdict follows specs/decisions.yaml: conformant
 * under the shipped ruling (accept both casings), nonconformant when a ruling says the page wins;
 * the report cites the page, enums.md, the metadata and the ruling.
 */
import { once } from 'node:events';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReference, STATE_PATH, type ReferenceServer } from '../../src/reference/server.js';
import { runCliAsync, scratchWithSpecs, tempDir } from '../helpers.js';

const TOKEN = 'casing-token-5521';

const cli = (args: string[]): ReturnType<typeof runCliAsync> => runCliAsync(args, { env: { CALLCONFORM_TOKEN: TOKEN } });

/** A proxy to `upstream` that rewrites `"status":"completed"` in JSON answers to the metadata's "Completed". */
async function pascalCaseVendor(upstream: string): Promise<Server> {
  const target = new URL(upstream);
  const server = createServer((req, res) => {
    const out = request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (up) => {
      const chunks: Buffer[] = [];
      up.on('data', (c: Buffer) => chunks.push(c));
      up.on('end', () => {
        let body = Buffer.concat(chunks).toString('utf8');
        if (/json/.test(String(up.headers['content-type']))) body = body.replace(/"status":"completed"/g, '"status":"Completed"');
        const headers = { ...up.headers, 'content-length': String(Buffer.byteLength(body)) };
        res.writeHead(up.statusCode ?? 502, headers).end(body);
      });
    });
    req.pipe(out);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return server;
}

interface ReportJson {
  verdict: string;
  results: { id: string; check: string; verdict: string; message: string; evidence: { decision?: { finding: string; source: { file: string; line: number } }; response?: { body?: unknown } } }[];
}

function readReport(dir: string): ReportJson {
  const file = readdirSync(dir, { recursive: true, withFileTypes: true }).find((d) => d.isFile() && d.name === 'report.json')!;
  return JSON.parse(readFileSync(join(file.parentPath, file.name), 'utf8')) as ReportJson;
}

describe('a vendor answering "Completed" is judged by the ruling on the operationStatus casing', () => {
  let reference: ReferenceServer;
  let vendor: Server;
  let base: string;
  beforeAll(async () => {
    reference = await startReference({ port: 0, token: TOKEN });
    vendor = await pascalCaseVendor(reference.url);
    base = `http://127.0.0.1:${(vendor.address() as AddressInfo).port}/graph-beta`;
  });
  afterAll(async () => {
    vendor.close();
    await reference.close();
  });

  const args = (reports: string): string[] => ['verify', '--target', base, '--profile', 'graph-beta', '--state-url', `${base}${STATE_PATH}`, '--only', 'response-schema', '--allow-partial', '--reports', reports];

  it('is conformant under the shipped ruling, and the result cites the page, enums.md, the metadata and the ruling', async () => {
    const out = tempDir();
    try {
      const r = await cli(args(out.dir));
      const report = readReport(out.dir);
      const result = report.results.find((x) => x.id === 'graph-beta/updateMetadata/response-schema/commsOperation')!;
      expect(JSON.stringify(result.evidence.response?.body)).toContain('"status":"Completed"');
      expect(result.verdict, result.message).toBe('pass');
      expect(result.message).toContain('the page (specs/sources/graph-beta/resources/commsoperation.md:29) spells notStarted, running, completed, failed');
      expect(result.message).toContain('the enum page (specs/sources/graph-beta/resources/enums.md:720) spells NotStarted, Running, Completed, Failed');
      expect(result.message).toMatch(/the metadata \(specs\/sources\/graph-beta\/metadata\.xml:\d+\) spells NotStarted, Running, Completed, Failed/);
      expect(result.message).toMatch(/ruling \(specs\/decisions\.yaml:\d+\): The contract accepts the operation status in either casing/);
      expect(result.evidence.decision?.finding).toBe('enum-casing-differs/graph-beta/commsOperation/status');
      expect(r.status, r.stderr).toBe(0);
    } finally {
      out.cleanup();
    }
  });

  it('is nonconformant when the ruling says the page wins (contracts rebuilt from that ruling)', async () => {
    const scratch = scratchWithSpecs();
    const out = tempDir();
    try {
      const decisionsFile = join(scratch.dir, 'specs', 'decisions.yaml');
      const decisions = readFileSync(decisionsFile, 'utf8').replace(/(commsOperation\n(?:.*\n)*?\s+)acceptValues: all-sources/, '$1acceptValues: page');
      expect(decisions).toContain('acceptValues: page');
      writeFileSync(decisionsFile, decisions);
      const built = await cli(['build', '--specs', join(scratch.dir, 'specs'), '--out', join(scratch.dir, 'contracts')]);
      expect(built.status, built.stderr).toBe(0);
      const r = await cli([...args(out.dir), '--specs', join(scratch.dir, 'specs'), '--contracts', join(scratch.dir, 'contracts')]);
      expect(r.status, r.stderr).toBe(1);
      const result = readReport(out.dir).results.find((x) => x.id === 'graph-beta/updateMetadata/response-schema/commsOperation')!;
      expect(result.verdict).toBe('fail');
      expect(result.message).toMatch(/Completed/);
      expect(result.message).toMatch(/ruling \(.*decisions\.yaml:\d+\)/);
    } finally {
      out.cleanup();
      scratch.cleanup();
    }
  });
});
