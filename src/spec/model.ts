/**
 * The spec model: what callconform knows about one documented operation or resource.
 *
 * Every fact records where it was read (`source`) and how strongly the page states it
 * (`level`). Specs are written as YAML (one file per operation, see `yaml-io.ts`) and are
 * described by `specs/spec.schema.json`; keep both in step with this file.
 */

/** Where a fact was read: a file relative to the repository root and a 1-based line. */
export interface Source {
  file: string;
  line: number;
}

/**
 * MUST: the page states it ("Required", "must", "Max limit is 256 chars", a documented status).
 * SHOULD: a platform convention the page does not state (404 for an unknown call); `basis` says so.
 */
export type Level = 'MUST' | 'SHOULD';

interface FactBase {
  source: Source;
  level: Level;
  /** Why a SHOULD fact is expected although the page does not state it. */
  basis?: string;
}

export interface PathFact extends FactBase {
  /** Path template as documented, without host or version prefix: `/communications/calls/{id}/updateMetadata`. */
  template: string;
  deprecated: boolean;
  /** The sentence that deprecates the path, when there is one. */
  deprecation?: Source;
}

export interface MethodFact extends FactBase {
  value: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';
}

export interface HeaderFact extends FactBase {
  name: string;
  required: boolean;
  /** Documented value, e.g. `application/json`, `Bearer {token}`. */
  value?: string;
  description?: string;
}

/** JSON type of a parameter or property, as far as the page tells it. */
export type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null';

export interface EnumFact {
  values: string[];
  source: Source;
  level: Level;
  /** Graph evolvable enum: responses may carry `unknownFutureValue` although requests never send it. */
  evolvable?: boolean;
  /**
   * The same members as other sources spell them (the shared enum page, the service metadata),
   * recorded when they differ in casing from `values`: specs/decisions.yaml rules which
   * spellings the contract accepts (`acceptValues`), see `ruledEnumValues`.
   */
  otherSources?: OtherEnumListing[];
}

/** An enum's members as another source lists them. */
export interface OtherEnumListing {
  origin: 'enum-page' | 'metadata';
  values: string[];
  source: Source;
}

export interface MaxLengthFact {
  value: number;
  source: Source;
  level: Level;
  /** The sentence it was read from ("Max limit is 256 chars."). */
  text: string;
}

/**
 * JSON Schema `format` of a string the page types with an OData primitive: `DateTimeOffset` →
 * `date-time`, `Date` → `date`, `TimeOfDay` → `time`, `Duration` → `duration`, `Guid` → `uuid`,
 * `Binary` → `byte` (base64).
 */
export const STRING_FORMATS = ['date-time', 'date', 'time', 'duration', 'uuid', 'byte'] as const;
export type StringFormat = (typeof STRING_FORMATS)[number];

/** What a body parameter and a resource property have in common: a named, typed field. */
export interface FieldFact {
  name: string;
  type: JsonType;
  /** For `array`, the type of the items. */
  items?: JsonType;
  /** For a string (or the strings of an array): the format its OData type implies. */
  format?: StringFormat;
  /** The type as the page prints it (`DateTimeOffset`, `callState`, `participantInfo collection`), when it is not plain `String`. */
  odataType?: string;
  /** A documented resource type (`participantInfo`), when the type column links one. */
  resource?: string;
  description?: string;
  enum?: EnumFact;
  maxLength?: MaxLengthFact;
  source: Source;
}

export interface ParameterFact extends FactBase, FieldFact {
  required: boolean;
  /** A value the page fixes for this parameter (Genesys `operationName: UpdateUserData`). */
  const?: string;
}

/** A JSON example as printed on the page, after certain repairs (see `repairs`). */
export interface ExampleFact {
  source: Source;
  /** The parsed JSON value. */
  json: unknown;
  /** Repairs applied to make it parse, each citing the lint finding that reports it. */
  repairs?: string[];
}

export interface StatusFact {
  code: number;
  /** Reason phrase as printed (`Accepted`), if any. */
  reason?: string;
  source: Source;
  level: Level;
  basis?: string;
}

export interface ResponseHeaderFact extends FactBase {
  name: string;
  /** What the header points to: `operation` for a Location to the created operation resource. */
  pointsTo?: 'operation' | 'resource';
  /** The resource it points to (`commsOperation`), when named. */
  resource?: string;
  /** The documented URL in the example, e.g. `https://graph.microsoft.com/beta/communications/calls/…/operations/…`. */
  example?: string;
}

/**
 * A response body that is an OData collection: `{"value": [items…]}`, items of the body's
 * `resource`, and the paging and context annotations (`@odata.nextLink`, `@odata.context`)
 * always allowed, whether or not the example shows them.
 */
export interface CollectionFact {
  /** The sentence that says so ("returns a collection of participant objects") or the example's `value` array. */
  source: Source;
  level: Level;
  /** The OData annotations the example shows next to `value` (`@odata.context`, `@odata.nextLink`). */
  annotations: string[];
}

export interface ResponseBodyFact {
  /** The resource type returned (`commsOperation`), from the prose link, the annotation or the example's `@odata.type`; for a collection, the type of its items. */
  resource?: string;
  /** The body is a collection of `resource` items in the OData envelope. */
  collection?: CollectionFact;
  /** `@odata.type` as the example prints it (`#microsoft.graph.commsOperation`). */
  odataType?: string;
  source: Source;
  level: Level;
  example?: ExampleFact;
  /** The example is marked truncated (`"truncated": true`): extra properties are allowed. */
  truncated?: boolean;
}

/** A success status the page documents for a stated condition ("201 Created if a new meeting is created"). */
export interface ConditionalStatusFact extends StatusFact {
  /** The condition as the page states it ("if an existing meeting is retrieved"). */
  condition: string;
}

export interface SuccessResponse {
  /** Status stated in the prose ("returns `202 Accepted`"). */
  statusFromProse?: StatusFact;
  /** Status shown by the response example (`HTTP/1.1 200 OK`). */
  statusFromExample?: StatusFact;
  /** A platform convention when the page states no status (SHOULD). */
  statusByConvention?: StatusFact;
  /**
   * Statuses the prose documents with a condition each, when it documents more than one on
   * purpose (201 if created, 200 if it existed): every one of them is a correct answer.
   */
  conditionalStatuses?: ConditionalStatusFact[];
  headers: ResponseHeaderFact[];
  body?: ResponseBodyFact;
}

/**
 * An error response: one the page documents (MUST, with its `condition`), or one the platform is
 * expected to give (401 without token, 404 for an unknown call; SHOULD with a `basis`).
 * `documented` is a documented status whose condition is none of the other kinds.
 */
export interface ErrorResponseFact extends FactBase {
  status: number;
  /** What provokes it. */
  when: 'missing-authorization' | 'unknown-resource' | 'invalid-body' | 'unsupported-content-type' | 'documented';
  /** The page's own words for when it happens ("If the presence session does not exist"). */
  condition?: string;
}

export interface NotificationFact extends FactBase {
  transport: 'cometd';
  channel: string;
  /** `data.messageType` of the message (`CallStateChangeMessage`). */
  messageType?: string;
  /** `data.notificationType` of the message (`AttachedDataChanged`). */
  notificationType?: string;
  /** JSON pointer into the message of the id of the resource acted on (`/data/call/id`). */
  resourceIdPointer?: string;
  example?: ExampleFact;
  /** Fields whose content accumulates across requests (the union of earlier and new pairs). */
  accumulates?: AccumulationFact[];
}

export interface AccumulationFact extends FactBase {
  /** The request parameter whose pairs accumulate (`userData`). */
  parameter: string;
  /** JSON pointer to the same pairs in the notification (`/data/call/userData`). */
  pointer: string;
  /** The sentence it was read from ("Adds the provided key/value pairs to the call."). */
  text: string;
}

/** A documented permission scope (cannot be tested without the platform's identity provider). */
export interface PermissionFact {
  kind: string;
  scopes: string[];
  source: Source;
}

/** A statement the tool could not turn into a check, kept so coverage of the page is visible. */
export interface UntestedFact {
  text: string;
  source: Source;
  reason: string;
}

/** What an operation does to the resource its path names. */
export const OPERATION_KINDS = ['create', 'get', 'list', 'update', 'delete', 'action'] as const;
export type OperationKind = (typeof OPERATION_KINDS)[number];

/**
 * The operation's kind and the resource type its main path acts on: `participant` for
 * `/communications/calls/{id}/participants/{id}/mute`, `onlineMeeting` for `POST /me/onlineMeetings`.
 */
export interface ShapeFact {
  kind: OperationKind;
  resource?: string;
  source: Source;
  /** What the kind was read from ("POST to the collection `calls`, answered 201 Created"). */
  basis: string;
}

/**
 * One `{…}` placeholder of the path templates. A placeholder that is repeated in one template
 * (`/teams/{id}/channels/{id}`) or offers alternatives (`{id | userPrincipalName}`) is renamed after
 * the collection segment before it (`{team-id}`, `{channel-id}`, `{user-id}`); `documented` keeps
 * what the page printed and `alternatives` what it allows in that position.
 */
export interface PathParameterFact {
  /** The name in `paths[].template`. */
  name: string;
  /** The collection segment it follows (`participants`), when there is one. */
  segment?: string;
  /** The resource type it names (`participant`), from the segment. */
  resource?: string;
  /** The placeholder as the page prints it, when `name` differs from it. */
  documented?: string;
  /** The identifiers the page allows here (`id`, `userPrincipalName`), when more than one. */
  alternatives?: string[];
  source: Source;
}

/**
 * A query parameter of the operation: an OData system query option (`$filter`, `$select`,
 * `$expand`, `$top`, …) or one of the page's own. `required` when the documented request line
 * carries it (`GET /me/onlineMeetings?$filter=JoinWebUrl eq '{joinWebUrl}'`); optional when the
 * page only says the operation supports it.
 */
export interface QueryParameterFact extends FactBase {
  name: string;
  required: boolean;
  /** The value the request line shows (`JoinWebUrl eq '{joinWebUrl}'`). */
  value?: string;
  /** The path template whose request line carries it, when only one does. */
  path?: string;
  description?: string;
}

export interface OperationSpec {
  kind: 'operation';
  profile: string;
  /** Stable id inside the profile: `updateMetadata`, `updateCall`, `updateUserData`. */
  operation: string;
  title: string;
  summary?: string;
  /** The page(s) this spec was read from. */
  sources: string[];
  method: MethodFact;
  paths: PathFact[];
  /** Kind and resource acted on; always written by `extract` (optional for specs made by hand). */
  shape?: ShapeFact;
  request: {
    headers: HeaderFact[];
    /** Names of the path placeholders, in the order met (`id`, `callId`, `call-id`); details in `placeholders`. */
    pathParameters: string[];
    /** Every path placeholder with the resource it names; written by `extract` when the paths have any. */
    placeholders?: PathParameterFact[];
    /** Query parameters; written by `extract` when the page documents any. */
    query?: QueryParameterFact[];
    body?: {
      contentType?: string;
      parameters: ParameterFact[];
      example?: ExampleFact;
      /** Further examples ("Sample 2"). */
      moreExamples?: ExampleFact[];
    };
  };
  response: SuccessResponse;
  errors: ErrorResponseFact[];
  notifications: NotificationFact[];
  permissions: PermissionFact[];
  untested: UntestedFact[];
}

export interface PropertyFact extends FieldFact {
  readOnly?: boolean;
  /**
   * Whether the property may be null, as the service metadata declares it (`Nullable`, cited by
   * `nullableSource`). Unset: OData's default applies (nullable, except the key `id`).
   */
  nullable?: boolean;
  nullableSource?: Source;
  /** Read from the Relationships table: a navigation property, present only when expanded. */
  relationship?: boolean;
}

/** A resource type referenced by operations (`commsOperation`, `call`). */
export interface ResourceSpec {
  kind: 'resource';
  profile: string;
  /** Resource name as the docs spell it: `commsOperation`. */
  resource: string;
  /** `microsoft.graph.commsOperation`. */
  odataType?: string;
  title: string;
  sources: string[];
  properties: PropertyFact[];
  untested: UntestedFact[];
}

export type Spec = OperationSpec | ResourceSpec;

/** Every success status the page documents (prose, example, convention, conditional), each code once. */
export function documentedStatuses(response: SuccessResponse): StatusFact[] {
  const out: StatusFact[] = [];
  for (const s of [response.statusFromProse, response.statusFromExample, response.statusByConvention, ...(response.conditionalStatuses ?? [])]) {
    if (s && !out.some((o) => o.code === s.code)) out.push(s);
  }
  return out;
}
