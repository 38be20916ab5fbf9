import { appendFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildContracts } from '../../src/compile/build.js';
import { sourcePages } from '../../src/extract/index.js';
import { lintPages } from '../../src/lint/index.js';
import { metadataResolver } from '../../src/metadata/profile-metadata.js';
import { requiredStatus } from '../../src/spec/decisions.js';
import { loadDecisions } from '../../src/spec/decisions-file.js';
import { loadSpecs } from '../../src/spec/yaml-io.js';
import { demoDecision, demoFinding, demoSet } from './fixtures.js';
import { cli, writeSpecsDir } from './helpers.js';
import { externalRefs, parseDoc, validateOpenapi } from './openapi-validate.js';

describe('buildContracts', () => {
  let first: Map<string, string>;
  beforeAll(async () => {
    const r = await buildContracts(demoSet(), [demoDecision], [demoFinding]);
    if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('; '));
    first = r.files;
  });

  it('writes schemas, one pact and one OpenAPI document (3.1, and its 3.0 rendering) per profile', () => {
    expect([...first.keys()].filter((f) => !f.startsWith('schemas/'))).toEqual(['openapi/3.0/demo.yaml', 'openapi/3.0/demo2.yaml', 'openapi/demo.yaml', 'openapi/demo2.yaml', 'pacts/demo.json', 'pacts/demo2.json']);
    const pact = JSON.parse(first.get('pacts/demo2.json')!) as { consumer: { name: string }; provider: { name: string }; metadata: { pactSpecification: { version: string } }; interactions: { type: string }[] };
    expect(pact.consumer.name).toBe('callconform');
    expect(pact.provider.name).toBe('demo2');
    expect(pact.metadata.pactSpecification.version).toBe('4.0');
    expect(pact.interactions.map((i) => i.type)).toContain('Asynchronous/Messages');
  });

  it('is deterministic: a second build gives identical bytes', async () => {
    const again = await buildContracts(demoSet(), [demoDecision], [demoFinding]);
    expect(again.ok && [...again.files]).toEqual([...first]);
  });

  it('refuses unresolved error findings and stale decisions', async () => {
    const r = await buildContracts(demoSet(), [], [demoFinding]);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems[0]!.message).toContain(demoFinding.id);
  });

  it('without a decisions file (not governed), leaves the unruled operation out with findings at its page lines, and builds the rest', async () => {
    const r = await buildContracts(demoSet(), [], [demoFinding], { governed: false });
    if (!r.ok) throw new Error('an ungoverned build does not refuse');
    const leftOut = r.findings.filter((f) => f.rule === 'left-out');
    expect(leftOut.map((f) => [f.severity, f.source.line])).toEqual([
      ['error', demoFinding.source.line],
      ['error', 40],
    ]);
    expect(leftOut[0]!.message).toContain('demo/tuneWidget is left out of the contracts');
    const pact = JSON.parse(r.files.get('pacts/demo2.json')!) as { interactions: unknown[] };
    expect(pact.interactions.length).toBeGreaterThan(0);
    expect(r.files.has('pacts/demo.json')).toBe(false);
  });

  it('OpenAPI 3.1 documents validate, stand alone with the schema files as components, and mark deprecated paths', async () => {
    for (const profile of ['demo', 'demo2']) {
      const result = await validateOpenapi(first.get(`openapi/${profile}.yaml`)!);
      expect(result.errors, profile).toBeUndefined();
      expect(result.version).toBe('3.1');
      expect(externalRefs(parseDoc(first.get(`openapi/${profile}.yaml`)!)), profile).toEqual([]);
    }
    const doc = parse(first.get('openapi/demo.yaml')!) as {
      paths: Record<string, { post: { deprecated?: boolean; operationId: string; requestBody: { content: Record<string, { schema: { $ref: string } }> } } }>;
      components: { schemas: Record<string, unknown> };
    };
    expect(doc.paths['/legacy/widgets/{wid}/tune']!.post.deprecated).toBe(true);
    expect(doc.paths['/things/widgets/{wid}/tune']!.post.deprecated).toBeUndefined();
    expect(doc.paths['/things/widgets/{wid}/tune']!.post.operationId).toBe('tuneWidget');
    const ref = doc.paths['/things/widgets/{wid}/tune']!.post.requestBody.content['application/json']!.schema.$ref;
    expect(ref).toBe('#/components/schemas/tuneWidget_request');
    const file = JSON.parse(first.get('schemas/demo/tuneWidget.request.schema.json')!) as Record<string, unknown>;
    delete file.$schema;
    delete file.$id;
    expect(doc.components.schemas.tuneWidget_request).toEqual(file);
  });
});

describe('callconform build (CLI)', () => {
  // No sources under the temporary specs folder, hence no findings: the contradiction is left out.
  const set = demoSet();
  delete set.operations.find((o) => o.operation === 'tuneWidget')!.response.statusFromProse;
  const root = writeSpecsDir(set);
  const specs = join(root, 'specs');
  const out = join(root, 'contracts');
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('builds, then --check is clean; a modified or extra contract file makes --check fail naming it', () => {
    const built = cli(['build', '--specs', specs, '--out', out]);
    expect(built.stderr).toBe('');
    expect(built.status).toBe(0);
    expect(cli(['build', '--check', '--specs', specs, '--out', out]).status).toBe(0);

    const pact = join(out, 'pacts', 'demo.json');
    const original = readFileSync(pact, 'utf8');
    writeFileSync(pact, original.replace('"callconform"', '"someone-else"'));
    appendFileSync(join(out, 'schemas', 'demo', 'tuneWidget.request.schema.json'), ' ');
    writeFileSync(join(out, 'openapi', 'gone.yaml'), 'openapi: 3.1.0\n');
    const check = cli(['build', '--check', '--specs', specs, '--out', out]);
    expect(check.status).toBe(1);
    expect(check.stderr).toContain(join(out, 'pacts', 'demo.json'));
    expect(check.stderr).toContain(join(out, 'schemas', 'demo', 'tuneWidget.request.schema.json'));
    expect(check.stderr).toMatch(/gone\.yaml would be deleted/);
    expect(check.stderr).not.toContain('demo2.json');

    expect(cli(['build', '--specs', specs, '--out', out]).status).toBe(0);
    expect(readFileSync(pact, 'utf8')).toBe(original);
    expect(cli(['build', '--check', '--specs', specs, '--out', out]).status).toBe(0);
  });

  it('refuses a stale decision with exit 1, naming it and its line', () => {
    const stale = writeSpecsDir(set, [{ finding: 'status-prose-vs-example/demo/tuneWidget', operation: 'demo/tuneWidget', ruling: 'r', successStatus: 201, rationale: 'why' }]);
    try {
      const r = cli(['build', '--specs', join(stale, 'specs'), '--out', join(stale, 'contracts')]);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/decisions\.yaml:\d+: stale decision: finding status-prose-vs-example\/demo\/tuneWidget/);
    } finally {
      rmSync(stale, { recursive: true, force: true });
    }
  });

  it('an unreadable decisions file is an input error (exit 2, file:line)', () => {
    writeFileSync(join(specs, 'decisions.yaml'), 'decisions: [\n');
    const r = cli(['build', '--specs', specs, '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/decisions\.yaml:\d+: YAML syntax error/);
    writeFileSync(join(specs, 'decisions.yaml'), 'decisions: []\n');
  });
});

describe.skipIf(!existsSync('specs/graph-v1.0/updateRecordingStatus.yaml'))('build of the real specs', () => {
  let files: Map<string, string>;
  beforeAll(async () => {
    const set = loadSpecs('specs');
    const findings = lintPages(sourcePages('specs/sources'), { metadataFor: metadataResolver(true, 'specs/sources') }).findings;
    const r = await buildContracts(set, loadDecisions('specs/decisions.yaml'), findings);
    if (!r.ok) throw new Error(r.problems.map((p) => `${p.source.file}:${p.source.line}: ${p.message}`).join('\n'));
    files = r.files;
  });

  it('is deterministic (second build, identical bytes)', async () => {
    const set = loadSpecs('specs');
    const findings = lintPages(sourcePages('specs/sources'), { metadataFor: metadataResolver(true, 'specs/sources') }).findings;
    const again = await buildContracts(set, loadDecisions('specs/decisions.yaml'), findings);
    expect(again.ok && [...again.files]).toEqual([...files]);
  });

  it('every OpenAPI document validates and stands alone', async () => {
    const docs = [...files.keys()].filter((f) => f.startsWith('openapi/'));
    expect(docs.length).toBeGreaterThanOrEqual(3);
    for (const doc of docs) {
      const result = await validateOpenapi(files.get(doc)!);
      expect(result.errors, doc).toBeUndefined();
      expect(externalRefs(parseDoc(files.get(doc)!)), doc).toEqual([]);
    }
  });

  it('pacts: the ruled status, Location by regex, negatives, and the notification as a message', () => {
    for (const [file, text] of files) {
      if (!file.startsWith('pacts/')) continue;
      const pact = JSON.parse(text) as { consumer: { name: string }; interactions: { type: string; providerStates?: { name: string }[]; response?: { status: number } }[] };
      expect(pact.consumer.name).toBe('callconform');
      expect(pact.interactions.every((i) => i.providerStates?.[0]?.name === 'a call exists')).toBe(true);
    }
    const statuses = (profile: string, op: string) =>
      (JSON.parse(files.get(`pacts/${profile}.json`)!) as { interactions: { description: string; response?: { status: number } }[] }).interactions
        .filter((i) => i.description.startsWith(`${op}:`))
        .map((i) => i.response?.status);
    const set = loadSpecs('specs');
    for (const op of set.operations) {
      const ruled = requiredStatus(op, loadDecisions('specs/decisions.yaml'))!;
      expect(statuses(op.profile, op.operation), op.operation).toContain(ruled.code);
      const hasNegative = (op.request.body?.parameters ?? []).some((p) => (p.maxLength || p.enum || p.const !== undefined || p.required) && p.level === 'MUST');
      if (hasNegative) expect(statuses(op.profile, op.operation).some((s) => s! >= 400 && s! < 500), op.operation).toBe(true);
    }
    for (const op of set.operations.filter((o) => o.notifications.length)) {
      expect(files.get(`pacts/${op.profile}.json`)).toContain('"type": "Asynchronous/Messages"');
    }
  });
});
