/**
 * Realistic reports for the report writers' tests: a nonconformant graph-v1.0 run with every
 * result verdict (pass, fail, warn, skip, error), hostile target output in its evidence and a
 * token the target echoed back; a conformant graph-beta run with a doc-conflict decision; and a
 * genesys-v2 run that could not be judged. Each call returns fresh objects.
 */
import { citedSources, readCitations } from '../../src/report/citations.js';
import type { CheckResult, Report } from '../../src/report/result.js';
import { repoRoot } from '../helpers.js';
import { deriveVerdict, summarize } from '../../src/report/verdict.js';

/** The bearer token of the fixture runs; it must never reach a report file. */
export const FIXTURE_TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.eyJzdWIiOiJjYWxsY29uZm9ybS10ZXN0In0.c2VjcmV0LXNpZ25hdHVyZQ';
/** A session cookie the target set; marked sensitive by header name. */
export const FIXTURE_COOKIE = 'sess-4f9c2e7a1b3d5f60';

/** Markup a hostile target puts in its responses: none of it may run, load or render as markup. */
export const HOSTILE = {
  script: '</script><script>window.__pwned = "script"</script>',
  img: '<img src=x onerror="window.__pwned = \'img\'">',
  remoteImg: '<img src="http://198.51.100.7/pixel.gif">',
  remoteCss: '<link rel="stylesheet" href="http://198.51.100.7/x.css"><style>body{background:url(http://198.51.100.7/bg.png)}</style>',
  iframe: '<iframe src="http://198.51.100.7/frame"></iframe>',
  cdata: ']]></failure><injected/><![CDATA[ and again ]]> ]]>',
  controls: 'bell\u0007 escape\u001b[31mred\u001b[0m nul\u0000 rtl\u202Eliaf\u202C lone\uD800surrogate',
  markdown: '``` </details> | pipe | [click](http://198.51.100.7/md) ![x](http://198.51.100.7/md.png) @octocat <b>bold</b>',
} as const;

const SRC = 'specs/sources/graph-v1.0/call-updaterecordingstatus.md';
const BASE = 'http://127.0.0.1:43017';
const CALL = '57dab8b1-894c-409a-b240-bd8beae78896';
const URL_OP = `${BASE}/communications/calls/${CALL}/updateRecordingStatus`;
const CURL = (body: string): string =>
  `curl -sS -X POST '${URL_OP}' -H 'Authorization: Bearer $CALLCONFORM_TOKEN' -H 'Content-Type: application/json' --data-raw '${body}'`;

function result(partial: Omit<CheckResult, 'operation' | 'durationMs' | 'level'> & Partial<Pick<CheckResult, 'operation' | 'durationMs' | 'level'>>): CheckResult {
  return { operation: 'updateRecordingStatus', level: 'MUST', durationMs: 12, ...partial };
}

function graphV1Results(): CheckResult[] {
  const okBody = { clientContext: 'c-1', status: 'recording' };
  const long257 = 'x'.repeat(257);
  return [
    result({
      id: 'graph-v1.0/updateRecordingStatus/status-code/valid-request',
      check: 'status-code',
      requirement: 'A valid request is answered with 200 OK',
      verdict: 'pass',
      message: 'expected 200 (docs: specs/sources/graph-v1.0/call-updaterecordingstatus.md:48), got 200',
      source: { file: SRC, line: 48 },
      evidence: {
        request: { method: 'POST', url: URL_OP, headers: { 'content-type': 'application/json' }, body: okBody, curl: CURL(JSON.stringify(okBody)) },
        response: { status: 200, headers: { location: `${BASE}/communications/calls/${CALL}/operations/op-1` }, body: { '@odata.type': '#microsoft.graph.updateRecordingStatusOperation', id: 'op-1', status: 'completed', clientContext: 'c-1' } },
        expected: 200,
        actual: 200,
      },
    }),
    result({
      id: 'graph-v1.0/updateRecordingStatus/location-header/absolute-same-call',
      check: 'location-header',
      requirement: 'The Location header is an absolute URL to /calls/{id}/operations/{opId} of the same call on the target',
      verdict: 'fail',
      message: `expected an absolute Location ending in /communications/calls/${CALL}/operations/{opId} (docs: ${SRC}:48), got a relative one`,
      source: { file: SRC, line: 48 },
      evidence: {
        request: { method: 'POST', url: URL_OP, body: okBody, curl: CURL(JSON.stringify(okBody)) },
        response: { status: 200, headers: { location: `/communications/calls/${CALL}/operations/op-2`, 'set-cookie': `session=${FIXTURE_COOKIE}; Path=/; HttpOnly` } },
        expected: `${BASE}/communications/calls/${CALL}/operations/{opId}`,
        actual: `/communications/calls/${CALL}/operations/op-2`,
      },
    }),
    result({
      id: 'graph-v1.0/updateRecordingStatus/operation-resource/get-location',
      check: 'operation-resource',
      requirement: 'A GET on the Location returns the updateRecordingStatusOperation',
      verdict: 'skip',
      message: 'skipped: no usable Location header (see location-header/absolute-same-call)',
      source: { file: SRC, line: 48 },
      evidence: {},
      durationMs: 0,
    }),
    result({
      id: 'graph-v1.0/updateRecordingStatus/max-length/clientContext-256',
      check: 'max-length',
      requirement: 'clientContext of exactly 256 characters is accepted',
      verdict: 'pass',
      message: 'expected 200, got 200',
      source: { file: SRC, line: 44 },
      evidence: { request: { method: 'POST', url: URL_OP, body: { clientContext: 'x'.repeat(256), status: 'recording' } }, response: { status: 200 }, expected: 200, actual: 200 },
    }),
    result({
      id: 'graph-v1.0/updateRecordingStatus/max-length/clientContext-257',
      check: 'max-length',
      requirement: 'clientContext longer than 256 characters is rejected',
      verdict: 'fail',
      message: `expected 4xx (docs: ${SRC}:44 "Max limit is 256 chars."), got 200 ${HOSTILE.script}`,
      source: { file: SRC, line: 44 },
      evidence: {
        request: {
          method: 'POST',
          url: URL_OP,
          // a leak upstream: the real token in a header; the writers must still redact it
          headers: { authorization: `Bearer ${FIXTURE_TOKEN}`, 'content-type': 'application/json' },
          body: { clientContext: long257, status: 'recording' },
          curl: CURL(JSON.stringify({ clientContext: long257, status: 'recording' })),
        },
        response: {
          status: 200,
          headers: { 'content-type': 'text/html', 'x-debug': `token=${FIXTURE_TOKEN}` },
          body: `<html><body>Accepted ${HOSTILE.img} ${HOSTILE.remoteImg} ${HOSTILE.remoteCss} ${HOSTILE.iframe} ${HOSTILE.script} echo: Bearer ${FIXTURE_TOKEN} ${HOSTILE.cdata} ${HOSTILE.controls} ${HOSTILE.markdown}</body></html>`,
        },
        expected: '400..499',
        actual: 200,
      },
      durationMs: 31,
    }),
    ...['notRecording', 'recording', 'failed'].map((value) =>
      result({
        id: `graph-v1.0/updateRecordingStatus/enum/status-${value}`,
        check: 'enum',
        requirement: `status value "${value}" is accepted`,
        verdict: 'pass',
        message: 'expected 200, got 200',
        source: { file: SRC, line: 45 },
        evidence: { request: { method: 'POST', url: URL_OP, body: { clientContext: 'c', status: value } }, response: { status: 200 } },
      }),
    ),
    result({
      id: 'graph-v1.0/updateRecordingStatus/auth/missing-authorization',
      check: 'auth',
      requirement: 'A request without Authorization is answered with 401',
      verdict: 'pass',
      message: 'expected 401, got 401',
      source: { file: SRC, line: 36 },
      evidence: { request: { method: 'POST', url: URL_OP }, response: { status: 401 }, expected: 401, actual: 401 },
    }),
    result({
      id: 'graph-v1.0/updateRecordingStatus/not-found/unknown-call',
      check: 'not-found',
      requirement: 'A request for an unknown call is answered with 404 (platform convention)',
      level: 'SHOULD',
      verdict: 'warn',
      message: `expected 404 (Graph convention, not stated on ${SRC}), got 500`,
      source: { file: SRC, line: 28 },
      evidence: {
        request: { method: 'POST', url: `${BASE}/communications/calls/no-such-call/updateRecordingStatus`, curl: CURL('{}').replace(CALL, 'no-such-call') },
        response: { status: 500, body: { error: { code: 'InternalError', message: HOSTILE.markdown } } },
        expected: 404,
        actual: 500,
      },
    }),
    result({
      id: 'graph-v1.0/updateRecordingStatus/robustness/malformed-json',
      check: 'robustness',
      requirement: 'A malformed JSON body gets a 4xx answer, not a hang or a crash',
      verdict: 'error',
      message: 'no response within 2000 ms',
      source: { file: SRC, line: 60 },
      evidence: { request: { method: 'POST', url: URL_OP, body: '{"clientContext": ', curl: CURL('{"clientContext": ') }, response: { error: 'timeout after 2000 ms' } },
      durationMs: 2001,
    }),
  ];
}

function report(profile: string, target: string, startedAt: string, results: CheckResult[]): Report {
  return {
    tool: { name: 'callconform', version: '0.1.0' },
    target,
    profile,
    startedAt,
    durationMs: results.reduce((n, r) => n + r.durationMs, 0) + 40,
    verdict: deriveVerdict(results),
    summary: summarize(results),
    // As certify reads them: the published address and the cited line of the repository's pages.
    citations: readCitations(citedSources({ results }), repoRoot),
    results,
  };
}

/** graph-v1.0, nonconformant: 6 pass, 2 fail, 1 warn, 1 skip, 1 error. */
export function nonconformantReport(): Report {
  const r = report('graph-v1.0', BASE, '2026-11-23T12:05:01.482Z', graphV1Results());
  // A page is text someone else wrote: its quoted line must stay inert too.
  r.citations![`${SRC}:60`] = { ...r.citations![`${SRC}:60`], quote: `${HOSTILE.script} ${HOSTILE.markdown}`.slice(0, 240) };
  return r;
}

/** graph-beta, conformant, with a doc conflict ruled in decisions.yaml. */
export function conformantReport(): Report {
  const src = 'specs/sources/graph-beta/call-updatemetadata.md';
  const url = `${BASE}/communications/calls/${CALL}/updateMetadata`;
  return report('graph-beta', BASE, '2026-11-23T12:05:01.133Z', [
    {
      id: 'graph-beta/updateMetadata/status-code/valid-request',
      operation: 'updateMetadata',
      check: 'status-code',
      requirement: 'A valid request is answered with 202 Accepted',
      level: 'MUST',
      verdict: 'pass',
      message: `expected 202 (docs: ${src}:52), got 202`,
      source: { file: src, line: 52 },
      evidence: {
        request: { method: 'POST', url, body: { metadata: 'abc' } },
        response: { status: 202 },
        decision: {
          finding: 'status-prose-vs-example/graph-beta/updateMetadata',
          ruling: 'prose',
          rationale: 'The prose states 202 Accepted; the example response was copied from another page.',
          source: { file: 'specs/decisions.yaml', line: 4 },
        },
        expected: 202,
        actual: 202,
      },
      durationMs: 9,
    },
    {
      id: 'graph-beta/updateCall/content-type/json',
      operation: 'updateCall',
      check: 'content-type',
      requirement: 'The response is application/json',
      level: 'SHOULD',
      verdict: 'pass',
      message: 'expected application/json, got application/json; charset=utf-8',
      source: { file: 'specs/sources/graph-beta/call-update.md', line: 31 },
      evidence: {},
      durationMs: 7,
    },
  ]);
}

/** genesys-v2, not judged: the CometD notification check errored. */
export function erroredReport(): Report {
  const src = 'specs/sources/genesys-v2/updateuserdata.pdf.txt';
  return report('genesys-v2', BASE, '2026-11-23T12:05:02.010Z', [
    {
      id: 'genesys-v2/updateUserData/status-code/valid-request',
      operation: 'updateUserData',
      check: 'status-code',
      requirement: 'The reply is {"statusCode":0}',
      level: 'MUST',
      verdict: 'pass',
      message: 'got {"statusCode":0}',
      source: { file: src, line: 47 },
      evidence: { response: { status: 200, body: { statusCode: 0 } } },
      durationMs: 11,
    },
    {
      id: 'genesys-v2/updateUserData/notification/attached-data-changed',
      operation: 'updateUserData',
      check: 'notification',
      requirement: 'A CallStateChangeMessage with notificationType AttachedDataChanged arrives on /v2/me/calls',
      level: 'MUST',
      verdict: 'error',
      message: 'CometD handshake failed: 403 Forbidden',
      source: { file: src, line: 56 },
      evidence: { request: { method: 'POST', url: `${BASE}/api/v2/notifications/handshake` }, response: { status: 403, body: 'forbidden' } },
      durationMs: 25,
    },
  ]);
}
