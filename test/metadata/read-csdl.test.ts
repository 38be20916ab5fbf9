/**
 * The CSDL reader on the real Graph metadata (../shared/corpus/graph-metadata) and on malformed
 * metadata: every element cited file:line, bounds and bad XML refused with one InputError line.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boundOperation, typeOfResource, allProperties } from '../../src/metadata/lookup.js';
import { parseCsdl, readCsdl } from '../../src/metadata/read-csdl.js';
import { parseTypeRef } from '../../src/metadata/type-ref.js';
import { InputError } from '../../src/spec/errors.js';

const metadataDir = fileURLToPath(new URL('../../../shared/corpus/graph-metadata/', import.meta.url));
const V1 = `${metadataDir}v1.0.xml`;

/** The 1-based line of the first line of `file` containing `text`. */
const lineOf = (file: string, text: string): number => readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(text)) + 1;

const HEAD = '<?xml version="1.0"?>\n<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices>\n<Schema Namespace="ns.one" Alias="one" xmlns="http://docs.oasis-open.org/odata/ns/edm">\n';
const TAIL = '</Schema></edmx:DataServices></edmx:Edmx>\n';

function refusal(text: string, bounds?: Parameters<typeof parseCsdl>[2]): InputError {
  try {
    parseCsdl(text, 'm.xml', bounds);
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error('accepted');
}

describe.skipIf(!existsSync(V1))('reading the real Graph v1.0 metadata', () => {
  const model = existsSync(V1) ? readCsdl(V1, 'v1.0.xml') : undefined!;

  it('reads every enum, structured type and bound operation', () => {
    const text = readFileSync(V1, 'utf8');
    const count = (re: RegExp): number => text.match(re)?.length ?? 0;
    expect(model.enums.size).toBe(count(/<EnumType /g));
    expect(model.types.size).toBe(count(/<(EntityType|ComplexType) /g));
    expect(model.operations.length).toBe(count(/<(Action|Function) /g));
    expect(model.schemas.map((s) => s.namespace)).toContain('microsoft.graph.callRecords');
  });

  it('cites operationStatus and its members at their lines, in the metadata\'s casing', () => {
    const status = model.enums.get('microsoft.graph.operationStatus')!;
    expect(status.source).toMatchObject({ file: 'v1.0.xml', line: lineOf(V1, '<EnumType Name="operationStatus">') });
    expect(status.members.map((m) => m.name)).toEqual(['NotStarted', 'Running', 'Completed', 'Failed']);
    expect(status.members[2]!.source.line).toBe(status.source.line + 3);
    expect(status.source.endLine).toBe(status.source.line + 5);
  });

  it('reads properties with type, nullability and inheritance, and navigation properties', () => {
    const comms = typeOfResource(model, 'commsOperation', '#microsoft.graph.commsOperation')!;
    expect(comms.properties.find((p) => p.name === 'status')).toMatchObject({ type: { name: 'microsoft.graph.operationStatus', collection: false }, nullable: false });
    expect(allProperties(model, comms).map((p) => p.name)).toEqual(['clientContext', 'resultInfo', 'status', 'id']);
    const call = typeOfResource(model, 'call')!;
    expect(call.properties.find((p) => p.name === 'requestedModalities')?.type).toEqual({ name: 'microsoft.graph.modality', collection: true });
    expect(call.navigationProperties.map((n) => n.name)).toContain('participants');
  });

  it('finds the bound action a documented path calls, with parameters and return type', () => {
    const action = boundOperation(model, '/communications/calls/{id}/updateRecordingStatus', 'action')!;
    expect(action.bindingType?.name).toBe('microsoft.graph.call');
    expect(action.parameters.map((p) => [p.name, p.type.name, p.nullable])).toEqual([
      ['status', 'microsoft.graph.recordingStatus', false],
      ['clientContext', 'Edm.String', true],
    ]);
    expect(action.returnType?.name).toBe('microsoft.graph.updateRecordingStatusOperation');
    expect(action.source.line).toBe(lineOf(V1, '<Action Name="updateRecordingStatus"'));
  });
});

describe('malformed and oversized metadata', () => {
  it('names the line of the first XML error', () => {
    const err = refusal(`${HEAD}<EnumType Name="e">\n<Member Name="a" Value="0" >\n</EnumType>${TAIL}`);
    expect(err.line).toMatch(/^m\.xml:\d+: not well-formed XML/);
    expect(err.where?.line).toBe(6);
  });

  it('refuses a document that is not CSDL, a DOCTYPE, deep nesting and a size past the bound', () => {
    expect(refusal('<root/>').line).toBe('m.xml:1: no <Schema> element: not CSDL metadata');
    expect(refusal('<!DOCTYPE x [<!ENTITY a "aaaa">]><x/>').message).toMatch(/DOCTYPE/);
    expect(refusal(`${HEAD}${'<a>'.repeat(100)}${'</a>'.repeat(100)}${TAIL}`).message).toMatch(/nested more than 64 deep/);
    expect(refusal(`${HEAD}${TAIL}`, { maxBytes: 100, maxDepth: 64, maxMs: 1000 }).message).toMatch(/more than the 100 bytes/);
    expect(refusal(`${HEAD}<EnumType/>${TAIL}`).line).toBe('m.xml:4: <EnumType> has no Name attribute');
    const many = `${HEAD}<EnumType Name="e">${'<Member Name="a"/>\n'.repeat(5000)}</EnumType>${TAIL}`;
    expect(refusal(many, { maxBytes: 1e9, maxDepth: 64, maxMs: -1 }).message).toMatch(/took more than -1 ms/);
  });

  it('an unreadable path is an InputError naming it', () => {
    expect(() => readCsdl('/no/such/metadata.xml')).toThrow(InputError);
  });

  it('any cut of a well-formed document is read or refused with an InputError, never another error', () => {
    const whole = `${HEAD}<EnumType Name="e">\n<Member Name="a" Value="0" />\n</EnumType>\n<EntityType Name="t"><Property Name="p" Type="Collection(one.e)" Nullable="false" /></EntityType>\n${TAIL}`;
    fc.assert(
      fc.property(fc.nat(whole.length), fc.string({ maxLength: 5 }), (cut, junk) => {
        try {
          const model = parseCsdl(whole.slice(0, cut) + junk, 'm.xml');
          expect(model.schemas.length).toBe(1);
        } catch (err) {
          expect(err).toBeInstanceOf(InputError);
          expect((err as InputError).line).toMatch(/^m\.xml:\d+: /);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('type references', () => {
  it('resolves aliases and unwraps collections', () => {
    const aliases = new Map([['graph', 'microsoft.graph']]);
    expect(parseTypeRef('Collection(graph.modality)', aliases)).toEqual({ name: 'microsoft.graph.modality', collection: true });
    expect(parseTypeRef('Edm.String', aliases)).toEqual({ name: 'Edm.String', collection: false });
    expect(parseTypeRef('microsoft.graph.call', aliases)).toEqual({ name: 'microsoft.graph.call', collection: false });
  });
});
