/**
 * The cloud-communications profile of graph-full (see `comms-profile.ts` for how its pages are
 * chosen), through the built CLI: every page yields a spec or a finding; `build` needs no
 * decision; the only examples a compiled schema rejects are those whose sources disagree on an
 * enum's casing, which lint reports as error findings a ruling in specs/decisions.yaml can cite.
 * Prints the counts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../../src/spec/finding.js';
import { loadSpecs, type SpecSet } from '../../src/spec/yaml-io.js';
import { atPointer } from '../../src/spec/json-pointer.js';
import { runCliAsync, tempDir } from '../helpers.js';
import { COMMS_PROFILE, commsCorpusPresent, commsPages, extractCommsProfile, GRAPH_V1_METADATA } from './comms-profile.js';

describe.skipIf(!commsCorpusPresent())('the cloud-communications profile of graph-full', () => {
  const scratch = tempDir();
  let pages: string[];
  let dirs: { specsDir: string; contractsDir: string };
  let set: SpecSet;
  let findings: Finding[];

  beforeAll(async () => {
    pages = commsPages();
    dirs = await extractCommsProfile(scratch.dir);
    set = loadSpecs(dirs.specsDir);
    const resourcePages = [...new Set(set.resources.flatMap((r) => r.sources))];
    const lint = await runCliAsync(['lint', ...pages, ...resourcePages, '--profile', COMMS_PROFILE, '--metadata', GRAPH_V1_METADATA, '--no-decisions', '--format', 'json']);
    findings = (JSON.parse(lint.stdout) as { findings: Finding[] }).findings;
  }, 120_000);
  afterAll(() => scratch.cleanup());

  it('is chosen by the pages’ request lines: the 19 pages of this snapshot that request /communications/', () => {
    expect(pages).toHaveLength(19);
    expect(pages.some((p) => p.endsWith('application-post-calls.md'))).toBe(true);
  });

  it('gives every page a spec or a finding', () => {
    const withSpec = new Set(set.operations.flatMap((o) => o.sources));
    const withFinding = new Set(findings.map((f) => f.source.file));
    expect(pages.filter((p) => !withSpec.has(p) && !withFinding.has(p))).toEqual([]);
    const counts = { error: 0, warning: 0, note: 0 };
    for (const f of findings) counts[f.severity]++;
    console.log(
      `comms profile: ${pages.length} pages → ${set.operations.length} operation specs (${pages.filter((p) => withSpec.has(p)).length} pages with a spec) and ${set.resources.length} resource specs; ` +
        `lint: ${findings.length} findings (${counts.error} errors, ${counts.warning} warnings, ${counts.note} notes)`,
    );
  });

  it('builds without a decision; an example is rejected only where its sources disagree on an enum’s casing, an error finding a ruling can cite', async () => {
    expect(existsSync(join(dirs.specsDir, 'decisions.yaml'))).toBe(false);
    const check = await runCliAsync(['build', '--check', '--specs', dirs.specsDir, '--out', dirs.contractsDir]);
    expect(check.status, check.stderr).toBe(0);
    const files = Number(/contracts up to date \((\d+) files\)/.exec(check.stdout)?.[1]);
    const rejected = [...check.stderr.matchAll(/^(\S+):(\d+): warning example-rejected the (request|response) example is rejected by schemas\/[^/]+\/(\w+)\.\w+\.schema\.json: (.*); it is left out/gm)];
    const errors = findings.filter((f) => f.severity === 'error');
    // The only error findings are casing disagreements between the sources (page, enums.md, metadata).
    expect(errors.map((f) => f.rule).filter((r) => r !== 'enum-casing-differs')).toEqual([]);
    for (const [, , , role, operation, reasons] of rejected) {
      const op = set.operations.find((o) => o.operation === operation)!;
      const example = role === 'request' ? op.request.body?.example : op.response.body?.example;
      for (const reason of reasons!.split('; ')) {
        const m = /^(\/\S*) must be equal to one of the allowed values \((\[.*\])\)$/.exec(reason);
        expect(m, `${operation}: ${reason}`).not.toBeNull();
        const value = atPointer(example?.json, m![1]!);
        const allowed = JSON.parse(m![2]!) as string[];
        const spelled = allowed.find((a) => typeof value === 'string' && a.toLowerCase() === value.toLowerCase());
        expect(spelled, `${operation} ${m![1]}: ${String(value)}`).toBeDefined();
        // A top-level field belongs to the request's operation or the response's resource.
        const segments = m![1]!.split('/').slice(1);
        const owner = segments.length === 1 ? (role === 'request' ? operation : op.response.body?.resource) : undefined;
        const subject = owner ? `/${COMMS_PROFILE}/${owner}/${segments[0]}` : `/${segments.pop()}`;
        expect(errors.some((f) => f.rule === 'enum-casing-differs' && f.id.endsWith(subject)), `no casing finding for ${subject}`).toBe(true);
      }
    }
    console.log(`comms profile: build --check: ${files} contract files, 0 decisions, ${rejected.length} examples rejected (casing: ${rejected.map((r) => `${r[1]!.split('/').pop()}:${r[2]}`).join(', ') || 'none'}); error findings: ${errors.map((f) => f.id).join(', ')}`);
  }, 60_000);
});
