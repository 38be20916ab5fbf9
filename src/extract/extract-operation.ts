/** Page model → OperationSpec: runs the passes in order and collects their findings. */
import type { Finding } from '../spec/finding.js';
import type { OperationSpec } from '../spec/model.js';
import { camelCase, sentences } from './facts-from-text.js';
import { finding } from './findings.js';
import type { Page, Paragraph } from './page-model.js';
import { section } from './sections.js';
import { readErrors } from './passes/errors.js';
import { checkExampleValues } from './passes/example-values.js';
import { readNotifications } from './passes/notifications.js';
import { readPermissions } from './passes/permissions.js';
import { readRequestBody, requestExampleBlocks } from './passes/request-body.js';
import { readRequestHeaders } from './passes/request-headers.js';
import { readRequestLine } from './passes/request-line.js';
import { readQueryParameters } from './passes/query-parameters.js';
import { documentedErrors, readResponse } from './passes/response.js';
import { readShape } from './passes/shape.js';
import { readUntested } from './passes/untested.js';

/** Operation id: the action after "resource: " in the title, the fixed operationName, else the title in camelCase. */
export function operationId(title: string | undefined, constName: string | undefined, lastSegment: string): string {
  const action = title && /^[\w.]+\s*:\s*([A-Za-z]\w*)\s*$/.exec(title)?.[1];
  if (action) return action;
  if (constName && /^[A-Za-z]\w*$/.test(constName)) return camelCase(constName);
  const fromTitle = title ? camelCase(title.replace(/\b(a|an|the)\b/gi, ' ')) : '';
  return /^[A-Za-z][A-Za-z0-9]*$/.test(fromTitle) ? fromTitle : camelCase(lastSegment) || 'operation';
}

function odataTypeOf(json: unknown): string | undefined {
  const t = json && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>)['@odata.type'] : undefined;
  return typeof t === 'string' ? t.replace(/^#/, '') : undefined;
}

/** Prose and example disagree on the success status: an error until specs/decisions.yaml rules on it. */
function statusContradiction(page: Page, response: OperationSpec['response']): Finding | undefined {
  const { statusFromProse: prose, statusFromExample: example } = response;
  if (!prose || !example || prose.code === example.code) return undefined;
  // Statuses the prose documents with their conditions ("201 if created, 200 if it existed") are facts, not a contradiction.
  if (response.conditionalStatuses?.some((c) => c.code === example.code)) return undefined;
  // Pages that document several success statuses (204, or 200 with Prefer: return=representation) are not contradictions.
  const proseText = page.blocks.find((b) => b.kind === 'paragraph' && b.line === prose.source.line);
  const responseProse = section(page, /^responses?$/i)?.blocks.filter((b) => b.kind === 'paragraph').map((b) => (b.kind === 'paragraph' ? b.text : '')).join(' ') ?? '';
  if (new RegExp(`\\b${example.code}\\b`).test(responseProse) || (proseText?.kind === 'paragraph' && new RegExp(`\\b${example.code}\\b`).test(proseText.text))) return undefined;
  return finding(
    'status-prose-vs-example',
    `the prose says ${prose.code}${prose.reason ? ` ${prose.reason}` : ''} (line ${prose.source.line}) but the response example shows ${example.code}${example.reason ? ` ${example.reason}` : ''} (line ${example.source.line}); rule on it in specs/decisions.yaml`,
    prose.source,
    { data: { prose: prose.code, example: example.code, exampleLine: example.source.line } },
  );
}

function summaryOf(page: Page): string | undefined {
  const overview = section(page, /^(overview|description)$/i)?.blocks.find((b): b is Paragraph => b.kind === 'paragraph');
  if (overview) return sentences(overview.text)[0];
  const titleLine = page.title?.line ?? 0;
  const p = page.blocks.find((b): b is Paragraph => b.kind === 'paragraph' && b.line > titleLine && !b.quote && !/^namespace:/i.test(b.text) && !/\bPDF\b/.test(b.text));
  return p ? sentences(p.text)[0] : undefined;
}

/** What makes a page an operation's page although no request line was found: its front matter or a request example. */
function documentsAnOperation(page: Page): { line: number; why: string } | undefined {
  if (page.frontMatter.doc_type === 'apiPageType') return { line: page.title?.line ?? 1, why: 'its front matter says doc_type: apiPageType' };
  const request = requestExampleBlocks(page)[0];
  return request ? { line: request.block.line, why: `it shows a request example at line ${request.block.line}` } : undefined;
}

/** `operation` overrides the id (the profile qualifies ids that collide, see `unique-operations.ts`). */
export function extractOperation(page: Page, profile: string, operation?: string): { spec?: OperationSpec; findings: Finding[] } {
  const findings: Finding[] = [];
  // An overview page shows request lines as a tour of the API (todo-overview.md), not as an operation it documents.
  if (page.frontMatter.doc_type === 'conceptualPageType') return { findings };
  const line = readRequestLine(page);
  if (!line) {
    const operation = documentsAnOperation(page);
    if (operation) {
      findings.push(
        finding('no-request-line', `the page documents an operation (${operation.why}) but gives no request line ("METHOD /path" under an "HTTP request" heading or before the examples); no spec is written for it`, { file: page.file, line: operation.line }),
      );
    }
    return { findings };
  }
  const headers = readRequestHeaders(page);
  const { body, examples } = readRequestBody(page, findings);
  const response = readResponse(page, findings);
  const parameters = body?.parameters ?? [];

  // Examples that contradict declared enums are not valid requests/responses: leave them out.
  if (body?.example && !checkExampleValues(body.example, parameters, page.rawLines, 'request-example', findings)) delete body.example;
  if (body?.moreExamples) {
    const sound = body.moreExamples.filter((e) => checkExampleValues(e, parameters, page.rawLines, 'request-example', findings));
    if (sound.length) body.moreExamples = sound;
    else delete body.moreExamples;
  }
  // The response example carries the request's fields only when it represents the same resource (PATCH/PUT of an entity).
  const sameResource = ['PATCH', 'PUT'].includes(line.method.value) || (odataTypeOf(body?.example?.json) !== undefined && odataTypeOf(body?.example?.json) === odataTypeOf(response.body?.example?.json));
  if (response.body?.example && sameResource && !checkExampleValues(response.body.example, parameters, page.rawLines, 'response-example', findings)) delete response.body.example;
  const contradiction = statusContradiction(page, response);
  if (contradiction) findings.push(contradiction);

  const requests = examples.map((e) => ({ resourceId: e.msg.request?.target.split('?')[0]!.split('/').pop(), body: e.example?.json }));
  const notifications = readNotifications(page, requests, parameters, findings);
  const permissions = readPermissions(page);
  const constName = parameters.find((p) => p.const)?.const;
  const lastSegment = line.paths[0]!.template.split('/').filter((s) => s && !s.startsWith('{')).pop() ?? '';
  const summary = summaryOf(page);
  const query = readQueryParameters(page, line);
  const spec: OperationSpec = {
    kind: 'operation',
    profile,
    operation: operation ?? operationId(page.title?.text, constName, lastSegment),
    title: page.title?.text ?? lastSegment,
    ...(summary ? { summary } : {}),
    sources: [page.file],
    method: line.method,
    paths: line.paths,
    shape: readShape(line.method, line.paths, line.placeholders, response),
    request: {
      headers,
      pathParameters: line.pathParameters,
      ...(line.placeholders.length ? { placeholders: line.placeholders } : {}),
      ...(query.length ? { query } : {}),
      ...(body ? { body } : {}),
    },
    response,
    errors: [...readErrors(headers, line.paths, line.pathParameters, parameters), ...documentedErrors(page)],
    notifications,
    permissions,
    untested: readUntested(page, permissions),
  };
  return { spec, findings };
}
