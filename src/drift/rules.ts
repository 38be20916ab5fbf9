/**
 * The drift rules: one entry per kind of change, saying whom it breaks and why.
 *
 * A change is breaking for clients (code written against the old page stops working) or for
 * implementations (a server built to the old page stops conforming), or non-breaking.
 * Most rules follow one principle: data has a producer and a consumer. In a request the
 * client produces and the implementation consumes; in a response or notification it is the
 * other way round. Tightening a constraint (a lower maxLength, a removed enum value, a new
 * required field or header) breaks the producer, who may send what is no longer allowed.
 * Loosening it (a higher maxLength, a new enum value, a dropped header) breaks the consumer,
 * who must now accept what it was entitled to reject or rely on what is no longer promised.
 *
 * Each rule's condition is complete: at most one rule of the table applies to a change, so the
 * table can be read row by row and its order does not matter (a test shuffles it). A change no
 * rule applies to is `unclassified-change`, breaking for both, so an unforeseen change is never
 * waved through.
 */
import type { Fact, FactKind, Side } from './facts.js';

export type Party = 'clients' | 'implementations';

/** One fact compared across the two versions; `old`/`new` are absent when added/removed. */
export interface FactChange {
  change: 'added' | 'removed' | 'changed';
  kind: FactKind;
  side: Side;
  old?: Fact;
  new?: Fact;
}

/** Whom a change breaks; an empty list means non-breaking. */
export interface Verdict {
  breaks: Party[];
}

export interface Rule {
  /** Stable id, shown in every report. */
  id: string;
  /** The kind of fact it applies to (`'*'`: any). */
  fact: FactKind | '*';
  /** Short name of the change: "maxLength lowered". */
  title: string;
  /** Why it is (or is not) breaking, and for whom; per side when the side decides. */
  explanation: string | { request: string; response: string };
  /** A verdict when the rule applies to this change, otherwise undefined. */
  classify: (c: FactChange) => Verdict | undefined;
}

const none: Verdict = { breaks: [] };
const clients: Verdict = { breaks: ['clients'] };
const implementations: Verdict = { breaks: ['implementations'] };
const both: Verdict = { breaks: ['clients', 'implementations'] };

/** Who sends the data on this side. */
function producer(side: Side): Verdict {
  return side === 'request' ? clients : implementations;
}

/** Who receives the data on this side. */
function consumer(side: Side): Verdict {
  return side === 'request' ? implementations : clients;
}

const when = (change: FactChange['change'], verdict: (c: FactChange) => Verdict | undefined) => (c: FactChange) =>
  c.change === change ? verdict(c) : undefined;

function num(f: Fact | undefined): number | undefined {
  return typeof f?.value === 'number' ? f.value : undefined;
}

function codes(f: Fact | undefined): number[] {
  return Array.isArray(f?.value) ? (f.value as number[]) : [];
}

const isTrue = (f: Fact | undefined): boolean => f?.value === true;

export const rules: readonly Rule[] = [
  // --- operations and resources ---------------------------------------------------------
  {
    id: 'operation-removed',
    fact: 'operation',
    title: 'operation removed',
    explanation: 'Clients that call the operation have nothing left to call. Implementations may keep serving it.',
    classify: when('removed', () => clients),
  },
  {
    id: 'operation-added',
    fact: 'operation',
    title: 'new operation',
    explanation: 'Additive: no existing request or response changes. Implementations will need it to stay conformant with the new page.',
    classify: when('added', () => none),
  },
  {
    id: 'operation-renamed',
    fact: 'operation',
    title: 'operation id changed (same method and path)',
    explanation: 'Only the id the page gives the operation changed; method and path are the same, so nothing on the wire changes. Its facts are compared as one operation.',
    classify: when('changed', () => none),
  },
  {
    id: 'resource-removed',
    fact: 'resource',
    title: 'resource type removed',
    explanation: 'Clients that read this resource type lose its documentation; operations that return it report their own changes.',
    classify: when('removed', () => clients),
  },
  {
    id: 'resource-added',
    fact: 'resource',
    title: 'new resource type',
    explanation: 'Additive: nothing that exists changes.',
    classify: when('added', () => none),
  },
  {
    id: 'title-changed',
    fact: 'title',
    title: 'title changed',
    explanation: 'Wording only; nothing on the wire changes.',
    classify: () => none,
  },
  {
    id: 'description-changed',
    fact: 'description',
    title: 'description changed',
    explanation: 'Wording only; the constraints a description states are facts of their own (enum, maxLength, required) and are compared separately.',
    classify: () => none,
  },
  {
    id: 'method-changed',
    fact: 'method',
    title: 'HTTP method changed',
    explanation: 'Clients send the old method and get 405; implementations must answer the new one.',
    classify: when('changed', () => both),
  },
  // --- paths ------------------------------------------------------------------------------
  {
    id: 'deprecated-path-removed',
    fact: 'path',
    title: 'deprecated path removed',
    explanation: 'The path was announced as deprecated, but clients still on it break now that it is gone.',
    classify: when('removed', (c) => (c.old?.deprecated === true ? clients : undefined)),
  },
  {
    id: 'path-removed',
    fact: 'path',
    title: 'path removed',
    explanation: 'Clients that call this path get 404.',
    classify: when('removed', (c) => (c.old?.deprecated !== true ? clients : undefined)),
  },
  {
    id: 'path-added',
    fact: 'path',
    title: 'new path',
    explanation: 'Additive: existing clients keep their path. Implementations will need to serve it too.',
    classify: when('added', () => none),
  },
  {
    id: 'path-parameter-renamed',
    fact: 'path',
    title: 'path parameter renamed',
    explanation: 'Only the placeholder name changed (`{id}` → `{callId}`); the URL on the wire is the same.',
    classify: when('changed', () => none),
  },
  {
    id: 'path-deprecation-changed',
    fact: 'path-deprecated',
    title: 'path deprecation changed',
    explanation: 'A deprecation is an announcement; the path works as before until it is removed.',
    classify: () => none,
  },
  // --- request headers and body -----------------------------------------------------------
  {
    id: 'required-header-added',
    fact: 'request-header',
    title: 'required request header added',
    explanation: 'Clients that do not send the new header are rejected.',
    classify: when('added', (c) => (c.new?.required === true ? clients : undefined)),
  },
  {
    id: 'optional-header-added',
    fact: 'request-header',
    title: 'optional request header added',
    explanation: 'Clients need not send it; nothing existing changes.',
    classify: when('added', (c) => (c.new?.required !== true ? none : undefined)),
  },
  {
    id: 'required-header-removed',
    fact: 'request-header',
    title: 'required request header no longer documented',
    explanation: 'Clients following the new page stop sending it; implementations that still insist on it reject them.',
    classify: when('removed', (c) => (c.old?.required === true ? implementations : undefined)),
  },
  {
    id: 'optional-header-removed',
    fact: 'request-header',
    title: 'optional request header no longer documented',
    explanation: 'It was optional: neither side relied on it.',
    classify: when('removed', (c) => (c.old?.required !== true ? none : undefined)),
  },
  {
    id: 'made-required',
    fact: 'required',
    title: 'became required',
    explanation: 'Requests that leave it out (valid before) are rejected now: clients that send them break.',
    classify: (c) => (!isTrue(c.old) && isTrue(c.new) ? producer(c.side) : undefined),
  },
  {
    id: 'made-optional',
    fact: 'required',
    title: 'became optional',
    explanation: 'Implementations must now accept requests without it, which they were entitled to reject.',
    classify: (c) => (isTrue(c.old) && !isTrue(c.new) ? consumer(c.side) : undefined),
  },
  {
    id: 'header-value-changed',
    fact: 'header-value',
    title: 'documented header value changed',
    explanation: 'Added: clients must send the stated value. Removed: implementations must accept other values. Changed: both sides send or expect something else.',
    classify: constraint,
  },
  {
    id: 'content-type-changed',
    fact: 'content-type',
    title: 'request content type changed',
    explanation: 'Clients send a body the implementation does not expect, or the reverse.',
    classify: constraint,
  },
  {
    id: 'required-field-added',
    fact: 'field',
    title: 'required field added',
    explanation: 'Requests without the new field (every existing client) are rejected.',
    classify: when('added', (c) => (c.new?.required === true ? producer(c.side) : undefined)),
  },
  {
    id: 'optional-field-added',
    fact: 'field',
    title: 'optional field added',
    explanation: 'Existing requests stay valid; readers of a response ignore a property they do not know.',
    classify: when('added', (c) => (c.new?.required !== true ? none : undefined)),
  },
  {
    id: 'parameter-removed',
    fact: 'field',
    title: 'request parameter removed',
    explanation: 'Clients that send it may be rejected or silently lose what it did.',
    classify: when('removed', (c) => (c.side === 'request' ? clients : undefined)),
  },
  {
    id: 'property-removed',
    fact: 'field',
    title: 'resource property removed',
    explanation: 'Clients that read the property no longer get it.',
    classify: when('removed', (c) => (c.side !== 'request' ? clients : undefined)),
  },
  {
    id: 'type-changed',
    fact: 'type',
    title: 'type changed',
    explanation: 'Values of the old type are invalid now: whoever sends them breaks, whoever parses them breaks.',
    classify: () => both,
  },
  {
    id: 'type-resource-changed',
    fact: 'type-resource',
    title: 'resource type of a value changed',
    explanation: 'The value is a different resource now: both its producer and its consumer must change.',
    classify: when('changed', () => both),
  },
  {
    id: 'type-resource-link-changed',
    fact: 'type-resource',
    title: 'resource link added or removed',
    explanation: 'The page names (or stops naming) the resource type of a value whose JSON type is unchanged: documentation only.',
    classify: (c) => (c.change !== 'changed' ? none : undefined),
  },
  {
    id: 'const-changed',
    fact: 'const',
    title: 'fixed value changed',
    explanation: 'Added: clients must send the value. Removed: implementations must accept others. Changed: both.',
    classify: constraint,
  },
  // --- enums and lengths ------------------------------------------------------------------
  {
    id: 'enum-constraint-added',
    fact: 'enum',
    title: 'value restricted to an enum',
    explanation: {
      request: 'Values outside the new list were valid and are rejected now: clients that send them break.',
      response: 'Values outside the new list were valid and are not any more: implementations that return them do not conform.',
    },
    classify: when('added', (c) => producer(c.side)),
  },
  {
    id: 'enum-constraint-removed',
    fact: 'enum',
    title: 'enum restriction dropped',
    explanation: {
      request: 'Any value is allowed now: implementations must accept values they were entitled to reject.',
      response: 'Any value may come back now: clients that relied on the list may receive values they do not handle.',
    },
    classify: when('removed', (c) => consumer(c.side)),
  },
  {
    id: 'enum-value-removed',
    fact: 'enum-value',
    title: 'enum value removed',
    explanation: {
      request: 'Clients that send the removed value are rejected now.',
      response: 'Implementations that still return the removed value do not conform any more; clients that handle it keep working.',
    },
    classify: when('removed', (c) => producer(c.side)),
  },
  {
    id: 'enum-value-recased',
    fact: 'enum-value',
    title: 'enum value spelled with other casing',
    explanation:
      'Enum values compare exactly: the old spelling is no longer valid and the new one was not, so whoever sends the value and whoever reads it must both change (specs/decisions.yaml may rule that both spellings are accepted, see acceptValues).',
    classify: when('changed', () => both),
  },
  {
    id: 'evolvable-enum-value-added',
    fact: 'enum-value',
    title: 'value added to an evolvable response enum',
    explanation: 'Graph evolvable enums promise new members: clients must already treat unknown values as unknownFutureValue.',
    classify: when('added', (c) => (c.side === 'response' && c.new?.evolvable === true ? none : undefined)),
  },
  {
    id: 'enum-value-added',
    fact: 'enum-value',
    title: 'enum value added',
    explanation: {
      request:
        'Non-breaking for clients: the values they send stay valid. Breaking for implementations: they must accept a value they were entitled to reject (the enum check sends every documented value).',
      response: 'Clients may receive a value they do not handle; implementations may keep returning the old ones.',
    },
    classify: when('added', (c) => (c.side === 'response' && c.new?.evolvable === true ? undefined : consumer(c.side))),
  },
  {
    id: 'max-length-lowered',
    fact: 'max-length',
    title: 'maxLength lowered',
    explanation: {
      request: 'Values between the new and the old limit were valid and are rejected now: clients that send them break. (A limit where there was none counts as lowered.)',
      response: 'Implementations that return values between the new and the old limit do not conform any more. (A limit where there was none counts as lowered.)',
    },
    classify: (c) => (num(c.new) !== undefined && (num(c.old) ?? Infinity) > (num(c.new) ?? Infinity) ? producer(c.side) : undefined),
  },
  {
    id: 'max-length-raised',
    fact: 'max-length',
    title: 'maxLength raised',
    explanation: {
      request:
        'Non-breaking for clients: every value they send still fits. Breaking for implementations: they must accept longer values they were entitled to reject (the max-length check sends a value of exactly the new limit). (A limit dropped counts as raised.)',
      response: 'Clients may receive longer values than they were promised; implementations keep conforming. (A limit dropped counts as raised.)',
    },
    classify: (c) => ((num(c.old) ?? Infinity) < (num(c.new) ?? Infinity) ? consumer(c.side) : undefined),
  },
  {
    id: 'made-read-only',
    fact: 'read-only',
    title: 'property became read-only',
    explanation: 'Clients that write the property (e.g. in a PATCH) are rejected or ignored now.',
    classify: (c) => (!isTrue(c.old) && isTrue(c.new) ? clients : undefined),
  },
  {
    id: 'made-writable',
    fact: 'read-only',
    title: 'property no longer read-only',
    explanation: 'Clients may write it now; nothing existing changes.',
    classify: (c) => (!(!isTrue(c.old) && isTrue(c.new)) ? none : undefined),
  },
  {
    id: 'made-nullable',
    fact: 'nullable',
    title: 'property became nullable',
    explanation: 'Clients may now receive null where they relied on a value.',
    classify: (c) => (!isTrue(c.old) && isTrue(c.new) ? clients : undefined),
  },
  {
    id: 'made-non-nullable',
    fact: 'nullable',
    title: 'property no longer nullable',
    explanation: 'Implementations that return null for it do not conform any more.',
    classify: (c) => (isTrue(c.old) && !isTrue(c.new) ? implementations : undefined),
  },
  {
    id: 'nullable-unchanged',
    fact: 'nullable',
    title: 'nullability stated explicitly',
    explanation: 'The page now says (or stops saying) `false`, which was the default: nothing changes.',
    classify: (c) => (isTrue(c.old) === isTrue(c.new) ? none : undefined),
  },
  {
    id: 'example-changed',
    fact: 'example',
    title: 'example changed',
    explanation: 'Examples illustrate; the facts they show (status, Location, resource type) are compared on their own.',
    classify: () => none,
  },
  // --- responses ----------------------------------------------------------------------------
  {
    id: 'success-status-changed',
    fact: 'success-status',
    title: 'success status changed',
    explanation: 'Clients that check the old status treat the new one as a failure; implementations must return the new one.',
    classify: when('changed', (c) => (codes(c.new).some((code) => !codes(c.old).includes(code)) ? both : undefined)),
  },
  {
    id: 'success-status-narrowed',
    fact: 'success-status',
    title: 'contradictory success status resolved',
    explanation: 'The old page gave two statuses (prose vs example); the new one keeps one of them. Implementations that followed the other do not conform any more; clients that accepted both still work.',
    classify: when('changed', (c) => (codes(c.new).every((code) => codes(c.old).includes(code)) ? implementations : undefined)),
  },
  {
    id: 'success-status-stated',
    fact: 'success-status',
    title: 'success status now documented',
    explanation: 'Implementations must now return this status.',
    classify: when('added', () => implementations),
  },
  {
    id: 'success-status-dropped',
    fact: 'success-status',
    title: 'success status no longer documented',
    explanation: 'Clients lose the status they checked for.',
    classify: when('removed', () => clients),
  },
  {
    id: 'response-header-dropped',
    fact: 'response-header',
    title: 'response header dropped',
    explanation: 'Clients that read it (e.g. follow Location to the operation resource) get nothing.',
    classify: when('removed', () => clients),
  },
  {
    id: 'response-header-added',
    fact: 'response-header',
    title: 'response header added',
    explanation: 'Implementations must now send it; clients may ignore it.',
    classify: when('added', () => implementations),
  },
  {
    id: 'response-header-target-changed',
    fact: 'header-target',
    title: 'what a response header points to changed',
    explanation: 'Changed: clients follow it to something else and implementations must point elsewhere. Added: implementations must point there. Removed: clients lose the promise.',
    classify: constraint,
  },
  {
    id: 'response-resource-changed',
    fact: 'response-resource',
    title: 'response resource changed',
    explanation: 'Changed: clients parse a different resource and implementations must return it. Added: implementations must return it. Removed: clients lose it.',
    classify: constraint,
  },
  {
    id: 'error-status-changed',
    fact: 'error-response',
    title: 'error status changed',
    explanation: 'Clients that handle the old status miss the error; implementations must answer the new status.',
    classify: when('changed', () => both),
  },
  {
    id: 'error-response-added',
    fact: 'error-response',
    title: 'error response added',
    explanation: 'Implementations must now answer this case with the stated status.',
    classify: when('added', () => implementations),
  },
  {
    id: 'error-response-removed',
    fact: 'error-response',
    title: 'error response no longer documented',
    explanation: 'Clients handling it keep working; implementations may keep answering it.',
    classify: when('removed', () => none),
  },
  // --- notifications --------------------------------------------------------------------------
  {
    id: 'notification-removed',
    fact: 'notification',
    title: 'notification channel removed',
    explanation: 'Subscribers on the channel receive nothing any more.',
    classify: when('removed', () => clients),
  },
  {
    id: 'notification-added',
    fact: 'notification',
    title: 'notification added',
    explanation: 'Implementations must now publish it.',
    classify: when('added', () => implementations),
  },
  {
    id: 'notification-transport-changed',
    fact: 'notification',
    title: 'notification transport changed',
    explanation: 'Subscribers listen on the old transport; implementations must publish on the new one.',
    classify: when('changed', () => both),
  },
  {
    id: 'notification-field-removed',
    fact: 'notification-field',
    title: 'notification field removed',
    explanation: 'Subscribers that match on it (messageType, notificationType, the resource id) no longer find it.',
    classify: when('removed', () => clients),
  },
  {
    id: 'notification-field-changed',
    fact: 'notification-field',
    title: 'notification field changed',
    explanation: 'Subscribers match on the old value; implementations must publish the new one.',
    classify: when('changed', () => both),
  },
  {
    id: 'notification-field-added',
    fact: 'notification-field',
    title: 'notification field added',
    explanation: 'Implementations must now publish it; subscribers may ignore it.',
    classify: when('added', () => implementations),
  },
  {
    id: 'accumulation-changed',
    fact: 'accumulation',
    title: 'accumulated content changed',
    explanation: 'Removed: subscribers no longer get the union of earlier and new pairs. Added: implementations must now merge. Moved: both sides look elsewhere.',
    classify: constraint,
  },
  // --- permissions and untested statements ----------------------------------------------------
  {
    id: 'permission-scope-removed',
    fact: 'permission-scope',
    title: 'permission scope removed',
    explanation: 'Applications granted only this scope can no longer call the operation.',
    classify: when('removed', () => clients),
  },
  {
    id: 'permission-scope-added',
    fact: 'permission-scope',
    title: 'permission scope added',
    explanation: 'One more scope is accepted; existing grants keep working.',
    classify: when('added', () => none),
  },
  {
    id: 'untested-statement-changed',
    fact: 'untested',
    title: 'untested statement added or removed',
    explanation: 'A sentence the tool cannot turn into a check: not classified, but read it — it may change behaviour.',
    classify: () => none,
  },
];

/** What a change no rule of the table applies to is. */
export const unclassified: Rule = {
  id: 'unclassified-change',
  fact: '*',
  title: 'change without a specific rule',
  explanation: 'No rule describes this change; it is treated as breaking for both sides until one does.',
  classify: () => both,
};

/** Constraint-like facts: added tightens (breaks the producer), removed loosens (breaks the consumer), changed breaks both. */
function constraint(c: FactChange): Verdict {
  if (c.change === 'added') return producer(c.side);
  if (c.change === 'removed') return consumer(c.side);
  return both;
}

/** The explanation of a rule for the side of a change. */
export function explain(rule: Rule, side: Side): string {
  return typeof rule.explanation === 'string' ? rule.explanation : rule.explanation[side];
}

/** The one rule of `table` that applies to the change, else `unclassified`; two that apply are a defect of the table. */
export function classify(c: FactChange, table: readonly Rule[] = rules): { rule: Rule; verdict: Verdict } {
  const applying = table.flatMap((rule) => {
    const verdict = rule.fact === c.kind ? rule.classify(c) : undefined;
    return verdict ? [{ rule, verdict }] : [];
  });
  if (applying.length > 1) throw new Error(`drift rules: ${applying.map((a) => a.rule.id).join(' and ')} both apply to a ${c.change} ${c.kind}`);
  return applying[0] ?? { rule: unclassified, verdict: unclassified.classify(c) as Verdict };
}
