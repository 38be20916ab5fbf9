import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parsePage } from '../../src/extract/read-page.js';
import { lintPage } from '../../src/lint/index.js';
import { DEFAULT_PERMISSIONS_REFERENCE } from '../../src/lint/paths.js';
import { loadPermissionsReference, permissionsFromPage } from '../../src/lint/permissions-reference.js';
import { rules } from '../../src/lint/rules/index.js';
import { bodyElided, bodyLengths, contentLengthMismatch } from '../../src/lint/rules/content-length-mismatch.js';
import { malformedUrl, urlProblem } from '../../src/lint/rules/malformed-url.js';
import { todoPlaceholder } from '../../src/lint/rules/todo-placeholder.js';
import { didYouMean, unknownPermission } from '../../src/lint/rules/unknown-permission.js';

const reference = loadPermissionsReference(DEFAULT_PERMISSIONS_REFERENCE);
const page = (text: string, file = 'docs/page.md') => parsePage(file, text);

/** An HTTP example as Graph pages print it. */
function example(first: string, headers: string[], body: string): string {
  return ['# t', '', '## Example', '', '```http', first, ...headers, '', body, '```', ''].join('\n');
}

describe('rule definitions', () => {
  it('have unique ids, a severity and a one-sentence description', () => {
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    for (const r of rules) {
      expect(r.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(['error', 'warning', 'note']).toContain(r.severity);
      expect(r.description).toMatch(/^[A-Z].*\.$/);
    }
  });
});

describe('content-length-mismatch', () => {
  const body = '{\n  "a": "é"\n}';
  const { lf, crlf } = bodyLengths(body);

  it('counts UTF-8 bytes, with LF and with CRLF line endings', () => {
    expect(lf).toBe(Buffer.byteLength(body));
    expect(lf).toBe(body.length + 1);
    expect(crlf).toBe(lf + 2);
  });

  it('accepts a length that matches under LF or CRLF (with or without a final line end)', () => {
    for (const n of [lf, crlf, lf + 1, crlf + 2]) {
      expect(contentLengthMismatch.check(page(example('POST https://x.test/a', [`Content-Length: ${n}`], body)), undefined, {})).toEqual([]);
    }
  });

  it('flags any other length, pointing at the header value, with the CRLF count as the fix', () => {
    const text = example('POST https://x.test/a', ['Content-Type: application/json', 'Content-Length: 3'], body);
    const [f, ...rest] = contentLengthMismatch.check(page(text), undefined, {});
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ rule: 'content-length-mismatch', severity: 'warning', source: { file: 'docs/page.md', line: 8 } });
    expect(f!.data).toMatchObject({ declared: 3, lf, crlf, column: 17, endColumn: 18, replacement: String(crlf) });
    expect(f!.message).toContain(`${lf} bytes with LF`);
  });

  it('does not judge bodies the page does not print in full', () => {
    expect(bodyElided('<final bytes of the file>')).toBe(true);
    expect(bodyElided('[Zip file containing a Teams app package]')).toBe(true);
    expect(bodyElided('--boundary\n\n... binary image data ...\n--boundary--')).toBe(true);
    expect(bodyElided('[1, 2]')).toBe(false);
    expect(bodyElided('{\n  "a": "Loading..."\n}')).toBe(false);
    expect(contentLengthMismatch.check(page(example('PUT https://x.test/up', ['Content-Length: 21'], '<final bytes of the file>')), undefined, {})).toEqual([]);
    expect(contentLengthMismatch.check(page(example('HTTP/1.1 200 OK', ['Content-Length: 1234'], '')), undefined, {})).toEqual([]);
  });

  it('flags a truncated response only when the length is shorter than what is printed', () => {
    const annotated = (n: number) => ['# t', '', '<!-- {"blockType": "response", "truncated": true} -->', '```http', 'HTTP/1.1 200 OK', `Content-Length: ${n}`, '', body, '```'].join('\n');
    expect(contentLengthMismatch.check(page(annotated(900)), undefined, {})).toEqual([]);
    expect(contentLengthMismatch.check(page(annotated(3)), undefined, {})).toHaveLength(1);
  });

  it('accepts the CRLF count of any pretty-printed JSON body (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const printed = JSON.stringify(value, null, 2) ?? 'null';
        const crlfBytes = Buffer.byteLength(printed.replace(/\n/g, '\r\n'));
        return contentLengthMismatch.check(page(example('POST https://x.test/a', [`Content-Length: ${crlfBytes}`], printed)), undefined, {}).length === 0;
      }),
      { numRuns: 100 },
    );
  });
});

describe('todo-placeholder', () => {
  it('reports TODO in a table cell with the section and row, not in code samples', () => {
    const text = ['# t', '', '## Permissions', '', '|Permission type|Permissions|', '|:---|:---|', '|Application|**TODO: Determine AppOnly scopes **|', '', '```js', '// TODO: handle errors', '```'].join('\n');
    const found = todoPlaceholder.check(page(text), undefined, {});
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ rule: 'todo-placeholder', source: { line: 7 }, id: 'todo-placeholder//permissions/application' });
    expect(found[0]!.message).toContain('"TODO: Determine AppOnly scopes"');
    expect(found[0]!.data?.column).toBe(16);
  });

  it('reports TBD in prose and ignores words that merely contain the letters', () => {
    expect(todoPlaceholder.check(page('# t\n\n## Response\n\nStatus code TBD.\n'), undefined, {})).toHaveLength(1);
    expect(todoPlaceholder.check(page('# t\n\nTodos and TODOlist are resources.\n'), undefined, {})).toEqual([]);
  });
});

describe('malformed-url', () => {
  it('rejects backslashes although WHATWG would silently accept them', () => {
    expect(urlProblem('https://graph.microsoft.com/docs\\api/communications/calls/{callId}')).toMatch(/backslash/);
    expect(urlProblem('/me\\drive')).toMatch(/backslash/);
  });

  it('accepts documentation placeholders and elisions', () => {
    for (const u of ['https://graph.microsoft.com/v1.0/users/{id | userPrincipalName}', 'https://<tenant>.sharepoint.com/sites', 'https://...', "https://graph.microsoft.com/v1.0/$metadata#users('id')", '/communications/calls/{id}', 'api/v2/me/calls/01RCC']) {
      expect(urlProblem(u), u).toBeUndefined();
    }
  });

  it('names what is wrong with URLs the WHATWG parser rejects', () => {
    expect(urlProblem('https://')).toMatch(/no host/);
    expect(urlProblem('https://contoso.com:port/x')).toMatch(/port/);
    expect(urlProblem('http://[::1/x')).toMatch(/WHATWG/);
  });

  it('finds URLs in request lines, headers and bodies with line and column, and a fix for backslashes', () => {
    const text = example('PATCH https://x.test/docs\\api/calls/{id}', ['Content-Type: application/json'], '{\n  "callbackUri": "https://bot.contoso.com:port/callback"\n}');
    const found = malformedUrl.check(page(text), undefined, {});
    expect(found.map((f) => [f.source.line, f.data?.column])).toEqual([[6, 7], [10, 19]]);
    expect(found[0]!.data?.replacement).toBe('https://x.test/docs/api/calls/{id}');
    expect(found[1]!.data?.replacement).toBeUndefined();
  });

  it('does not take a bare scheme prefix in code for a URL', () => {
    const text = ['# t', '', '```powershell', 'if ($v.StartsWith("https://")) { }', '```'].join('\n');
    expect(malformedUrl.check(page(text), undefined, {})).toEqual([]);
  });
});

describe('permissions reference', () => {
  it('reads every scope of the Graph reference from its tables, with kinds', () => {
    expect(reference.scopes.size).toBeGreaterThan(300);
    expect(reference.scopes.get('calls.joingroupcall.all')).toMatchObject({ name: 'Calls.JoinGroupCall.All', kinds: ['application'] });
    expect(reference.scopes.get('calls.accessmedia.all')?.name).toBe('Calls.AccessMedia.All');
    expect(reference.scopes.get('user.read')?.kinds).toContain('delegated');
    expect(reference.scopes.has('offline_access')).toBe(true);
  });

  it('ignores tables that are not permission lists', () => {
    const ref = permissionsFromPage(page('# r\n\n### Delegated permissions\n\n|Permission|Description|\n|---|---|\n|_A.Read_ (preview)|x|\n\n|Scenario|Permission|\n|---|---|\n|B.Write|y|\n'));
    expect([...ref.scopes.values()].map((s) => s.name)).toEqual(['A.Read']);
  });
});

describe('unknown-permission', () => {
  const table = (cell: string, header = 'Permissions (from least to most privileged)') =>
    page(['# t', '', '## Permissions', '', `|Permission type|${header}|`, '|:---|:---|', `|Application|${cell}|`, ''].join('\n'));
  const check = (p: ReturnType<typeof page>) => unknownPermission.check(p, undefined, { permissions: reference });

  it('suggests the closest defined scope', () => {
    expect(didYouMean('Calls.JoinGroupCallsasGuest.All', reference)).toBe('Calls.JoinGroupCallasGuest.All');
    expect(didYouMean('Calls.InitiateGroupCalls.All', reference)).toBe('Calls.InitiateGroupCall.All');
    expect(didYouMean('Completely.Different.Thing', reference)).toBeUndefined();
    // Another resource is not a misspelling of this one.
    expect(didYouMean('Tasks.ReadWrite.All', reference)).not.toBe('Files.ReadWrite.All');
  });

  it('reports each undefined scope with its column and a fix, and leaves defined ones alone', () => {
    const found = check(table('Calls.JoinGroupCalls.All, Calls.AccessMedia.All'));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ id: 'unknown-permission//Calls.JoinGroupCalls.All', source: { line: 7 } });
    expect(found[0]!.data).toMatchObject({ column: 14, endColumn: 38, suggestion: 'Calls.JoinGroupCall.All', replacement: 'Calls.JoinGroupCall.All', kind: 'Application' });
  });

  it('matches scopes without regard to case, skips remarks in parentheses and prose', () => {
    expect(check(table('calls.accessmedia.all (preview), offline_access'))).toEqual([]);
    expect(check(table('Not supported. See the docs (e.g. the FAQ).'))).toEqual([]);
  });

  it('does not glue words that markup separates on the page (<br/>)', () => {
    const found = check(table('User.ReadWrite.All<br/>For **user** resources: Not supported.<br/>Made.Up.Scope<br/>For'));
    expect(found.map((f) => f.data?.scope)).toEqual(['Made.Up.Scope']);
  });

  it('suggests joining a scope split by a space, replacing both words', () => {
    const found = check(table('Directory.Read.All, Directory AccessAsUser.All'));
    expect(found).toHaveLength(1);
    expect(found[0]!.data).toMatchObject({ scope: 'AccessAsUser.All', suggestion: 'Directory.AccessAsUser.All', column: 34, endColumn: 60 });
  });

  it('reports nothing without a reference or without a Permissions section', () => {
    expect(unknownPermission.check(table('Made.Up.Scope'), undefined, {})).toEqual([]);
    expect(check(page('# t\n\n|Permission type|Permissions|\n|---|---|\n|Application|Made.Up.Scope|\n'))).toEqual([]);
  });
});

describe('lintPage', () => {
  it('never throws on arbitrary markdown-ish text (property)', () => {
    const pieces = fc.constantFrom('# Title\n', '## Permissions\n', '|a|b|\n|---|---|\n|Application|X.Y.Z, TODO|\n', '```http\n', 'POST https://x\\y/{id}\n', 'Content-Length: 7\n', 'HTTP/1.1 200 OK\n', '{\n"a": 1\n}\n', '```\n', 'text https://\n', '\n');
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, fc.string()), { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        if (text.length === 0) return true;
        lintPage('fuzz/page.md', text, { permissions: reference });
        return true;
      }),
      { numRuns: 200 },
    );
  });
});
