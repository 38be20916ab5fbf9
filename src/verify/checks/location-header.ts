/**
 * location-header: where the page documents a Location to the operation a request creates, a
 * valid request's answer carries it, absolute, on the target's own origin, and pointing to
 * `…/calls/{thisCall}/operations/{opId}` — the suffix read from the documented example, never
 * hard-coded, so a target under a path prefix passes.
 */
import { evidenceOf } from '../evidence.js';
import { callParameter, cite, locationSuffix, matchLocationSuffix, operationLocation, primaryPath, type Json, type LocationSuffix } from '../facts.js';
import { sameOrigin } from '../http-values.js';
import { actedOnId, errorOutcome, fail, noResponse, pass, sendOnFreshState, templateOf, validBody } from './common.js';
import { defineCheck } from './types.js';

interface Data {
  suffix: LocationSuffix | undefined;
  example: string | undefined;
  body: Record<string, Json> | undefined;
}

export const locationHeader = defineCheck<Data>({
  name: 'location-header',
  appliesTo: 'a documented Location response header that points to the operation resource the request creates',
  plan(input) {
    const { spec } = input;
    const header = operationLocation(spec);
    const path = primaryPath(spec);
    if (!header || !path) return [];
    const param = callParameter(spec, path.template);
    const suffix = param ? locationSuffix(header.example, path.template, param) : undefined;
    return [
      {
        instance: 'operation',
        requirement: `the answer to a valid request carries an absolute Location on the target's origin pointing to ${suffix?.shape ?? 'the created operation'} of the same call`,
        level: header.level,
        source: header.source,
        data: { suffix, example: header.example, body: validBody(input) },
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
    if (!data.suffix) {
      return errorOutcome(`the documented Location example ${JSON.stringify(data.example ?? '')} (${docs}) does not show where the operation lives; cannot judge the path`, evidence);
    }
    const matched = matchLocationSuffix(url.pathname, data.suffix, callId);
    if (!matched.ok) return verdict(false, `expected a Location ending in ${matched.expected} (${docs}), got ${location}`, matched.expected, location);
    return verdict(true, `Location ${location} is absolute, on the target's origin and ends in ${data.suffix.shape} of call ${callId} (${docs})`, data.suffix.shape, location);
  },
});
