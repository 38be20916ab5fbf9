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

/** What a body parameter and a resource property have in common: a named, typed field. */
export interface FieldFact {
  name: string;
  type: JsonType;
  /** For `array`, the type of the items. */
  items?: JsonType;
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

export interface ResponseBodyFact {
  /** The resource type returned (`commsOperation`), from the prose link, the annotation or the example's `@odata.type`. */
  resource?: string;
  /** `@odata.type` as the example prints it (`#microsoft.graph.commsOperation`). */
  odataType?: string;
  source: Source;
  level: Level;
  example?: ExampleFact;
  /** The example is marked truncated (`"truncated": true`): extra properties are allowed. */
  truncated?: boolean;
}

export interface SuccessResponse {
  /** Status stated in the prose ("returns `202 Accepted`"). */
  statusFromProse?: StatusFact;
  /** Status shown by the response example (`HTTP/1.1 200 OK`). */
  statusFromExample?: StatusFact;
  /** A platform convention when the page states no status (SHOULD). */
  statusByConvention?: StatusFact;
  headers: ResponseHeaderFact[];
  body?: ResponseBodyFact;
}

/** An error response the platform is expected to give (401 without token, 404 for an unknown call). */
export interface ErrorResponseFact extends FactBase {
  status: number;
  /** What provokes it. */
  when: 'missing-authorization' | 'unknown-resource' | 'invalid-body' | 'unsupported-content-type';
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
  request: {
    headers: HeaderFact[];
    /** Path parameter naming the call or resource acted on (`id`, `callId`). */
    pathParameters: string[];
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
  nullable?: boolean;
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

/** The success status the contract accepts after decisions: prose wins unless a decision says otherwise. */
export function documentedStatuses(response: SuccessResponse): StatusFact[] {
  const out: StatusFact[] = [];
  for (const s of [response.statusFromProse, response.statusFromExample, response.statusByConvention]) {
    if (s && !out.some((o) => o.code === s.code)) out.push(s);
  }
  return out;
}
