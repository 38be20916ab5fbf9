/**
 * The one reader of enum sections, on real pages of ../shared/corpus/graph-full: the shared enum
 * page (enums.md), a resource page with its own "State Enumeration" table (quota.md), and
 * hand-made variants of the heading and table shapes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { enumFact, enumSections, isEnumPage, qualifiedEnumKey } from '../../src/extract/enum-sections.js';
import { EnumIndex } from '../../src/extract/enum-types.js';
import { parsePage } from '../../src/extract/read-page.js';

const resources = fileURLToPath(new URL('../../../shared/corpus/graph-full/api-reference/v1.0/resources/', import.meta.url));
const read = (name: string) => parsePage(join(resources, name), readFileSync(join(resources, name), 'utf8'));

describe.skipIf(!existsSync(resources))('enum sections on real pages', () => {
  it('enums.md is the enum page; operationStatus lists its members with their lines, cased as the page has them', () => {
    const page = read('enums.md');
    expect(isEnumPage(page)).toBe(true);
    const sections = enumSections(page);
    expect(sections.length).toBeGreaterThan(100);
    const status = sections.find((s) => s.name === 'operationStatus')!;
    expect(status.source.line).toBe(720);
    expect(status.members.map((m) => m.name)).toEqual(['NotStarted', 'Running', 'Completed', 'Failed']);
    expect(status.members.map((m) => m.source.line)).toEqual([724, 725, 726, 727]);
  });

  it('the enum index finds a type in its namespace: callRecords.modality has `unknown`, microsoft.graph.modality does not', () => {
    const index = new EnumIndex();
    for (const page of ['enums.md', 'enums-callrecords.md']) for (const s of enumSections(read(page))) index.add(s);
    const values = (type: string, namespace?: string) => index.find(type, namespace)?.values;
    expect(values('modality', 'microsoft.graph.callRecords')).toContain('unknown');
    expect(values('microsoft.graph.callRecords.modality', 'microsoft.graph')).toContain('unknown');
    expect(values('modality', 'microsoft.graph')).not.toContain('unknown');
    expect(values('Modality', 'Microsoft.Graph')).toEqual(values('modality', 'microsoft.graph'));
    // Defined in one namespace only: found from a page of another (or of none).
    expect(values('wifiBand', 'microsoft.graph')).toContain('frequency24GHz');
    // Defined in two namespaces, neither the page's: no guess.
    expect(index.find('modality', undefined)).toBeUndefined();
  });

  it('each enum page names its namespace: enums-callrecords.md\'s modality is microsoft.graph.callRecords.modality, not enums.md\'s', () => {
    const records = enumSections(read('enums-callrecords.md')).find((s) => s.name === 'modality')!;
    expect(records.namespace).toBe('microsoft.graph.callRecords');
    expect(qualifiedEnumKey(records, 'microsoft.graph')).toBe('microsoft.graph.callrecords.modality');
    expect(enumSections(read('enums.md'))[0]!.namespace).toBe('microsoft.graph');
    expect(qualifiedEnumKey({ ...records, namespace: undefined }, 'microsoft.graph')).toBe('microsoft.graph.modality');
  });

  it('quota.md is not the enum page but its "State Enumeration" table is a section (backticked values, a Value header)', () => {
    const page = read('quota.md');
    expect(isEnumPage(page)).toBe(false);
    expect(enumSections(page).map((s) => [s.name, s.members.map((m) => m.name)])).toEqual([['State', ['normal', 'nearing', 'critical', 'exceeded']]]);
  });

  it('the enum fact cites the first member and marks the evolvable sentinel', () => {
    const fact = enumFact(enumSections(read('enums.md')).find((s) => s.name === 'dataPolicyOperationStatus')!);
    expect(fact).toMatchObject({ level: 'MUST', evolvable: true, source: { file: join(resources, 'enums.md') } });
    expect(fact.values).toContain('unknownFutureValue');
  });
});

describe('enum section shapes', () => {
  const sections = (md: string) => enumSections(parsePage('x.md', md)).map((s) => `${s.name}: ${s.members.map((m) => m.name).join(',')}`);

  it('reads "values", "enum", "enumeration type" headings, with or without backticks, from the first table only', () => {
    const md = ['### `color` values', '', '|Member|', '|:--|', '|red|', '|**green**|', '', '|Other|', '|:--|', '|notamember|', '', '## shape enum', '', '|Value|Description|', '|--|--|', '|`round`|r|', '|a b|not a name|', '', '## size enumeration type', '', '|Name|', '|--|', '|x.large|'].join('\n');
    expect(sections(md)).toEqual(['color: red,green', 'shape: round', 'size: x.large']);
  });

  it('a heading not naming an enum, or a section whose table lists no member, gives nothing', () => {
    expect(sections(['## Properties', '', '|Property|Type|', '|--|--|', '|id|String|', '', '### empty values', '', '|Member|', '|--|', '|1 2|'].join('\n'))).toEqual([]);
  });
});
