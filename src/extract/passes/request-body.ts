/**
 * Request body: parameters from the "Request body" / "Parameters" table (type, enum values,
 * length limit, fixed value) and the request example(s) from the Example / Sample sections.
 */
import type { Finding } from '../../spec/finding.js';
import type { ExampleFact, OperationSpec, ParameterFact } from '../../spec/model.js';
import { enumOfText, maxLengthOfText, requiredOfText, typeOfCell } from '../facts-from-text.js';
import { parseHttpMessage, headerValue, type HttpMessage } from '../http-message.js';
import { parseJsonExample } from '../json-example.js';
import type { CodeBlock, Page } from '../page-model.js';
import { codes, column, headingBefore, section, tables } from '../sections.js';

type Body = NonNullable<OperationSpec['request']['body']>;

function jsonTypeOf(value: unknown): ParameterFact['type'] {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value === 'object' ? 'object' : typeof value === 'boolean' ? 'boolean' : 'string';
}

export function readParameters(page: Page, example: Record<string, unknown> | undefined): ParameterFact[] {
  const sec = section(page, /^(request body|parameters|request parameters|body parameters)$/i);
  if (!sec) return [];
  const out: ParameterFact[] = [];
  for (const table of tables(sec.blocks)) {
    const nameCol = column(table, /^(parameter|property|name)$/i);
    if (nameCol < 0) continue;
    const typeCol = column(table, /^type$/i);
    const descCol = column(table, /^(description|value)$/i);
    const fixedCol = column(table, /^value$/i);
    for (const row of table.rows) {
      const nameCell = row[nameCol];
      const name = nameCell?.text.replace(/[`*]/g, '').trim();
      if (!nameCell || !name || !/^[@A-Za-z][\w.@-]*$/.test(name)) continue;
      const source = { file: page.file, line: nameCell.line };
      const desc = descCol >= 0 ? (row[descCol]?.text.trim() ?? '') : '';
      const fromExample = example?.[name];
      const fixed = fixedCol >= 0 && typeof fromExample === 'string' && row[fixedCol]?.text.trim() === fromExample ? fromExample : undefined;
      const typed = typeOfCell(typeCol >= 0 ? row[typeCol] : undefined) ?? (fromExample !== undefined ? { type: jsonTypeOf(fromExample) } : /\bjson object\b/i.test(desc) ? { type: 'object' as const } : { type: 'string' as const });
      const enumFact = enumOfText(desc, source);
      const maxLength = typed.type === 'string' ? maxLengthOfText(desc, source) : undefined;
      const required = fixed !== undefined ? true : (requiredOfText(desc) ?? false);
      const enumType = enumFact && (typed.type === 'object' || typed.items === 'object');
      out.push({
        name,
        type: enumType && typed.type === 'object' ? 'string' : typed.type,
        ...(typed.items ? { items: enumType ? 'string' : typed.items } : {}),
        ...(typed.format ? { format: typed.format } : {}),
        ...(typed.odataType ? { odataType: typed.odataType } : {}),
        ...(typed.resource && !enumFact ? { resource: typed.resource } : {}),
        required,
        ...(desc && fixed === undefined ? { description: desc } : {}),
        ...(enumFact ? { enum: enumFact } : {}),
        ...(maxLength ? { maxLength } : {}),
        ...(fixed !== undefined ? { const: fixed } : {}),
        source,
        level: 'MUST',
      });
    }
  }
  return out;
}

/** Request examples: code blocks after the Example/Sample heading that start with a request line. */
export function requestExampleBlocks(page: Page): Array<{ block: CodeBlock; msg: HttpMessage }> {
  const firstExample = page.blocks.findIndex((b) => b.kind === 'heading' && /^(examples?|samples?(?: \d+)?)$/i.test(b.text));
  const out: Array<{ block: CodeBlock; msg: HttpMessage }> = [];
  for (const block of codes(page.blocks.slice(firstExample < 0 ? 0 : firstExample))) {
    const msg = parseHttpMessage(block);
    const isRequestBlock = block.annotation ? block.annotation.blockType === 'request' : true;
    if (msg?.request && isRequestBlock && !/^\s*(ignored)\s*$/.test(String(block.annotation?.blockType ?? ''))) {
      if (firstExample >= 0 || /^https?:/i.test(msg.request.target)) out.push({ block, msg });
    }
  }
  return out;
}

/** Parse an example body; findings for repairs or drops are appended. */
export function exampleOf(page: Page, msg: HttpMessage, subject: string, findings: Finding[]): ExampleFact | undefined {
  if (!msg.body.trim() || !/^\s*[{[]/.test(msg.body)) return undefined;
  const parsed = parseJsonExample(msg.body, page.file, msg.bodyLines, subject);
  if (parsed.finding) findings.push(parsed.finding);
  if (!parsed.ok) return undefined;
  const source = { file: page.file, line: msg.bodyLine ?? msg.request?.line ?? 1 };
  return { source, json: parsed.value, ...(parsed.finding ? { repairs: [parsed.finding.id] } : {}) };
}

export function readRequestBody(page: Page, findings: Finding[]): { body?: Body; examples: Array<{ msg: HttpMessage; example?: ExampleFact }> } {
  const examples = requestExampleBlocks(page).map(({ block, msg }, i) => ({
    msg,
    heading: headingBefore(page, block),
    example: exampleOf(page, msg, i === 0 ? 'request-example' : `request-example-${i + 1}`, findings),
  }));
  const firstJson = examples[0]?.example?.json;
  const exampleObject = firstJson && typeof firstJson === 'object' && !Array.isArray(firstJson) ? (firstJson as Record<string, unknown>) : undefined;
  const parameters = readParameters(page, exampleObject);
  const withBody = examples.filter((e) => e.example);
  // The body's own content type: from the examples that show the (JSON) body, not from another request the page shows (driveitem-preview.md's form POST to the returned postUrl); a body built from the parameters is JSON.
  const contentType = withBody.map((e) => headerValue(e.msg, 'content-type')?.value).find(Boolean);
  if (parameters.length === 0 && withBody.length === 0) return { examples };
  const [first, ...more] = withBody;
  const body: Body = {
    ...(contentType ? { contentType: contentType.split(';')[0]!.trim().toLowerCase() } : { contentType: 'application/json' }),
    parameters,
    ...(first?.example ? { example: first.example } : {}),
    ...(more.length ? { moreExamples: more.map((e) => e.example!) } : {}),
  };
  return { body, examples };
}
