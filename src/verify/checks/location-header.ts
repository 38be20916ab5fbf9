/**
 * location-header: where the page documents a Location to the operation a request creates, a
 * valid request's answer carries it, absolute, on the target's own origin, and pointing to
 * `…/calls/{thisCall}/operations/{opId}` — the suffix read from the documented example, never
 * hard-coded, so a target under a path prefix passes; where the page shows no example, a path
 * under the call acted on. A create (POST to a collection answered 201) carries the Location of
 * the created resource: the collection's path and one more segment, its id.
 */
import { evidenceOf } from '../evidence.js';
import { callParameter, cite, createdLocation, fillPath, locationSuffix, matchLocationSuffix, operationLocation, primaryPath, type Json, type LocationSuffix } from '../facts.js';
import { sameOrigin } from '../http-values.js';
import { actedOnId, errorOutcome, fail, noResponse, pass, sendOnFreshState, templateOf, validBody } from './common.js';
import { defineCheck } from './types.js';

interface Data {
  /** What the Location points to: the operation the request started, or the resource it created. */
  points: 'operation' | 'created';
  suffix: LocationSuffix | undefined;
  example: string | undefined;
  body: Record<string, Json> | undefined;
}

export const locationHeader = defineCheck<Data>({
  name: 'location-header',
  appliesTo: 'a documented Location response header that points to the operation resource the request creates; every create (a documented one, else by RFC 9110 §15.3.2, SHOULD)',
  plan(input) {
    const { spec } = input;
    const header = operationLocation(spec);
    const path = primaryPath(spec);
    if (path && spec.shape?.kind === 'create') {
      const documented = createdLocation(spec);
      const status = spec.response.statusFromProse ?? spec.response.statusFromExample;
      const source = documented?.source ?? status?.source ?? path.source;
      return [
        {
          instance: 'created',
          requirement: `the answer to a valid create carries an absolute Location on the target's origin naming the created ${spec.shape.resource ?? 'resource'} (${path.template}/{id})${documented ? '' : ' (RFC 9110 §15.3.2: a 201 names the created resource in Location)'}`,
          level: documented?.level ?? 'SHOULD',
          source,
          data: { points: 'created', suffix: undefined, example: documented?.example, body: validBody(input) },
        },
      ];
    }
    if (!header || !path) return [];
    const param = callParameter(spec, path.template);
    const suffix = param ? locationSuffix(header.example, path.template, param) : undefined;
    return [
      {
        instance: 'operation',
        requirement: `the answer to a valid request carries an absolute Location on the target's origin pointing to ${suffix?.shape ?? 'the created operation'} of the same call`,
        level: header.level,
        source: header.source,
        data: { points: 'operation', suffix, example: header.example, body: validBody(input) },
      },
    ];
  },
  async run(spec, { data, source }, ctx) {
    const sent = await sendOnFreshState(spec, ctx, data.body);
    if (!sent.ok) return sent.outcome;
    const { exchange } = sent;
    const callId = actedOnId(spec, templateOf(spec), sent.ids);
    if (!exchange.response) return noResponse(exchange, ctx);
    const evidence = evidenceOf(exchange, ctx);
    const location = exchange.response.headers.location;
    const docs = `docs: ${cite(source)}`;
    const verdict = (ok: boolean, message: string, expected: unknown, actual: unknown) =>
      ok ? pass(message, { ...evidence, expected, actual }) : fail(message, { ...evidence, expected, actual });
    if (location === undefined || location.trim() === '') {
      return verdict(false, `expected a Location header (${docs}), got none (status ${exchange.response.status})`, 'Location header', null);
    }
    let url: URL;
    try {
      url = new URL(location);
    } catch {
      return verdict(false, `expected an absolute Location URL (${docs}), got ${JSON.stringify(location)}`, 'absolute URL', location);
    }
    if (!sameOrigin(url.href, ctx.target.origin)) {
      return verdict(false, `expected Location on the target's origin ${ctx.target.origin} (${docs}), got ${url.origin}`, ctx.target.origin, location);
    }
    if (data.points === 'created') {
      const collection = fillPath(templateOf(spec), sent.ids).split('/').filter((x) => x !== '');
      const got = url.pathname.split('/').filter((x) => x !== '');
      const lead = got.slice(got.length - collection.length - 1, -1).map((x) => safeDecode(x).toLowerCase());
      const ok = got.length > collection.length && collection.every((x, i) => safeDecode(x).toLowerCase() === lead[i]);
      const expected = `…/${collection.join('/')}/{id}`;
      return verdict(ok, ok ? `Location ${location} is absolute, on the target's origin and names a new item of ${expected} (${docs})` : `expected a Location ending in ${expected} (${docs}), got ${location}`, expected, location);
    }
    if (!data.suffix) {
      if (data.example) return errorOutcome(`the documented Location example ${JSON.stringify(data.example)} (${docs}) does not show where the operation lives; cannot judge the path`, evidence);
      // No example: the operation lives under the resource acted on, wherever the target puts it.
      const segments = url.pathname.split('/').map(safeDecode);
      const at = segments.lastIndexOf(callId);
      const ok = at >= 0 && at < segments.length - 1;
      const expected = `…/${callId}/…/{opId}`;
      return verdict(ok, ok ? `Location ${location} is absolute, on the target's origin and under ${callId} (${docs}; the page shows no example of the path)` : `expected a Location under ${callId} (${docs}), got ${location}`, expected, location);
    }
    const matched = matchLocationSuffix(url.pathname, data.suffix, callId);
    if (!matched.ok) return verdict(false, `expected a Location ending in ${matched.expected} (${docs}), got ${location}`, matched.expected, location);
    return verdict(true, `Location ${location} is absolute, on the target's origin and ends in ${data.suffix.shape} of call ${callId} (${docs})`, data.suffix.shape, location);
  },
});

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
