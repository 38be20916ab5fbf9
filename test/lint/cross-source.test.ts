/**
 * The cross-source rules on real pages of the Graph snapshot (../shared/corpus/graph-full), its
 * enums.md and the service metadata of the same week (graph-metadata/v1.0.xml): one real
 * disagreement per rule, each finding located on the page and citing the other sources; SARIF
 * carries them as related locations; without metadata nothing is reported.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lintPages } from '../../src/lint/index.js';
import { sarifLog } from '../../src/lint/format-sarif.js';
import { crossSourceRules } from '../../src/lint/rules/index.js';
import { ruleCatalogue } from '../../src/lint/catalogue.js';
import { readCsdl } from '../../src/metadata/read-csdl.js';
import type { Finding } from '../../src/spec/finding.js';

const shared = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));
const V1 = join(shared, 'graph-metadata', 'v1.0.xml');
const page = (rel: string): string => join(shared, 'graph-full', 'api-reference', 'v1.0', rel);
const ENUMS = page('resources/enums.md');

describe.skipIf(!existsSync(V1) || !existsSync(ENUMS))('cross-source rules on the real Graph corpus', () => {
  const model = existsSync(V1) ? readCsdl(V1, 'v1.0.xml') : undefined!;
  const lint = (rels: string[], withMetadata = true): Finding[] =>
    lintPages([...rels.map(page), ENUMS], { permissions: null, profile: 'graph-v1.0', ...(withMetadata ? { metadataFor: () => model } : {}) }).findings;
  const cross = new Set(crossSourceRules.map((r) => r.id));
  const one = (findings: Finding[], id: string): Finding => {
    const found = findings.find((f) => f.id === id);
    expect(found, `${id} among ${findings.map((f) => f.id).join(', ')}`).toBeDefined();
    return found!;
  };
  const files = (f: Finding): string[] => [f.source, ...(f.related ?? []).map((r) => r.source)].map((s) => `${s.file.split('/').pop()}:${s.line}`);

  it('enum-casing-differs: commsOperation.status, with the page, enums.md and the metadata cited (error)', () => {
    const f = one(lint(['resources/commsoperation.md']), 'enum-casing-differs/graph-v1.0/commsOperation/status');
    expect(f.severity).toBe('error');
    expect(files(f)).toEqual(['commsoperation.md:29', 'enums.md:720', 'v1.0.xml:1575']);
    expect(f.message).toContain('spells them notStarted, running, completed, failed');
    expect(f.message).toContain('spells them NotStarted, Running, Completed, Failed');
  });

  it('enum-member-differs: a member only one source lists is a warning, the evolvable sentinel and members enums.md documents are notes', () => {
    const call = lint(['resources/call.md']);
    const onlyPage = one(call, 'enum-member-differs/graph-v1.0/call/requestedModalities/unknown');
    expect(onlyPage.severity).toBe('warning');
    expect(onlyPage.message).toMatch(/member unknown is listed by the page \([^)]*call\.md:74\) but not by enums\.md \([^)]*enums\.md:329\) or the metadata \(v1\.0\.xml:\d+\)/);
    expect(one(call, 'enum-member-differs/graph-v1.0/call/requestedModalities/screensharing').severity).toBe('warning');
    const answer = lint(['api/call-answer.md']);
    expect(one(answer, 'enum-member-differs/graph-v1.0/answer/acceptedModalities/data').severity).toBe('note');
    expect(one(answer, 'enum-member-differs/graph-v1.0/answer/acceptedModalities/unknownfuturevalue').severity).toBe('note');
    const elsewhere = one(lint(['resources/eventmessageresponse.md']), 'enum-member-differs/graph-v1.0/eventMessageResponse/responseType/notresponded');
    expect(elsewhere.severity).toBe('note');
    expect(elsewhere.message).toMatch(/listed by enums\.md \(.*enums\.md:\d+\) and the metadata/);
  });

  it('enum pages are matched by namespace: enums-callrecords.md lists callRecords.modality, which is not the modality call-answer.md uses', () => {
    const records = page('resources/enums-callrecords.md');
    const findings = lintPages([page('api/call-answer.md'), records, ENUMS], { permissions: null, profile: 'graph-v1.0', metadataFor: () => model }).findings;
    const members = findings.filter((f) => f.rule === 'enum-member-differs' && f.id.includes('/answer/acceptedModalities/'));
    expect(members.length).toBeGreaterThan(0);
    expect(members.flatMap((f) => (f.related ?? []).map((r) => r.source.file))).not.toContain(records);
    expect(members.flatMap((f) => (f.related ?? []).map((r) => r.source.file))).toContain(ENUMS);
  });

  it('the catalogue example of every cross-source rule cites corpus page lines where the rule reports', () => {
    for (const rule of crossSourceRules) {
      const cited = [...rule.example.matchAll(/\b((?:api|resources)\/[\w.-]+\.md):(\d+)/g)].map((m) => ({ rel: m[1]!, line: Number(m[2]) }));
      expect(cited.length, rule.id).toBeGreaterThan(0);
      for (const { rel, line } of cited) {
        const found = lint([rel]).filter((f) => f.rule === rule.id && f.source.file === page(rel) && f.source.line === line);
        expect(found.length, `${rule.id} at ${rel}:${line}`).toBeGreaterThan(0);
      }
    }
  });

  it('parameter-undeclared: addPassword documents parameters the action does not declare; getSchedule spells them in another casing', () => {
    const add = one(lint(['api/application-addpassword.md']), 'parameter-undeclared/graph-v1.0/addPassword/displayName');
    expect(add.message).toContain('declared parameters: passwordCredential: microsoft.graph.passwordCredential');
    const schedule = one(lint(['api/calendar-getschedule.md']), 'parameter-undeclared/graph-v1.0/getSchedule/schedules');
    expect(schedule.message).toContain('it declares Schedules (casing differs)');
  });

  it('parameter-optionality-differs: answer calls callbackUri optional, the metadata declares it Nullable="false"', () => {
    const f = one(lint(['api/call-answer.md']), 'parameter-optionality-differs/graph-v1.0/answer/callbackUri');
    expect(f.message).toMatch(/documented as optional .* Edm\.String Nullable="false" \(v1\.0\.xml:\d+\)/);
  });

  it('property-type-differs: dataPolicyOperation.progress is String on the page and Edm.Double in the metadata', () => {
    const f = one(lint(['resources/datapolicyoperation.md']), 'property-type-differs/graph-v1.0/dataPolicyOperation/progress');
    expect(f.data).toMatchObject({ page: 'string', declared: 'Edm.Double' });
  });

  it('response-type-differs: educationSubmission return documents an educationAssignment, the metadata returns educationSubmission', () => {
    const f = one(lint(['api/educationsubmission-return.md']), 'response-type-differs/graph-v1.0/return/response');
    expect(f.data).toMatchObject({ documented: 'educationAssignment', declared: 'microsoft.graph.educationSubmission' });
  });

  it('property-one-side: a documented property the type lacks is a warning, a declared one the page omits a note', () => {
    expect(one(lint(['resources/application.md']), 'property-one-side/graph-v1.0/application/verifiedPublisher').severity).toBe('warning');
    expect(one(lint(['resources/call.md']), 'property-one-side/graph-v1.0/call/tenantId').severity).toBe('note');
  });

  it('reports none of it without metadata', () => {
    const rels = ['resources/commsoperation.md', 'api/call-answer.md', 'resources/datapolicyoperation.md'];
    expect(lint(rels).some((f) => cross.has(f.rule))).toBe(true);
    expect(lint(rels, false).filter((f) => cross.has(f.rule))).toEqual([]);
  });

  it('SARIF gives every other source as a related location, and the catalogue has each rule with a corpus example', () => {
    const findings = lint(['resources/commsoperation.md']);
    const result = sarifLog(findings, '0.0.0').runs[0]!.results!.find((r) => r.ruleId === 'enum-casing-differs')!;
    expect(result.relatedLocations?.map((l) => `${l.physicalLocation?.artifactLocation?.uri?.split('/').pop()}:${l.physicalLocation?.region?.startLine}`)).toEqual(['enums.md:720', 'v1.0.xml:1575']);
    for (const id of cross) expect(ruleCatalogue.find((r) => r.id === id)?.example).toMatch(/\w/);
  });
});
