/**
 * The service's own description of its API (OData CSDL), as callconform reads it: entity and
 * complex types, enum types, bound actions and functions. Every element cites the metadata file
 * and the line it starts on, like a doc fact, and the line it ends on (so a subset can be cut
 * out verbatim, see `subset.ts`).
 */
import type { Source } from '../spec/model.js';

export interface Span extends Source {
  /** Line of the element's closing tag (the same line for an empty element). */
  endLine: number;
}

/** A type reference: `Edm.String`, `microsoft.graph.operationStatus`, `Collection(...)` unwrapped. */
export interface TypeRef {
  /** Qualified name with the schema alias resolved (`graph.call` → `microsoft.graph.call`). */
  name: string;
  collection: boolean;
}

export interface CsdlProperty {
  name: string;
  type: TypeRef;
  /** CSDL default: nullable unless `Nullable="false"`. */
  nullable: boolean;
  source: Span;
}

export interface CsdlNavigationProperty extends CsdlProperty {
  containsTarget: boolean;
}

export interface CsdlStructuredType {
  kind: 'entity' | 'complex';
  /** Qualified: `microsoft.graph.commsOperation`. */
  name: string;
  baseType?: string;
  abstract: boolean;
  properties: CsdlProperty[];
  navigationProperties: CsdlNavigationProperty[];
  source: Span;
}

export interface CsdlEnumMember {
  name: string;
  source: Span;
}

export interface CsdlEnumType {
  name: string;
  isFlags: boolean;
  members: CsdlEnumMember[];
  source: Span;
}

export interface CsdlParameter {
  name: string;
  type: TypeRef;
  nullable: boolean;
  source: Span;
}

export interface CsdlOperation {
  kind: 'action' | 'function';
  /** Unqualified: `updateRecordingStatus` (operations are overloaded by binding type). */
  name: string;
  namespace: string;
  /** The binding parameter's type, for a bound operation. */
  bindingType?: TypeRef;
  /** Parameters after the binding parameter. */
  parameters: CsdlParameter[];
  returnType?: TypeRef & { nullable: boolean; source: Span };
  source: Span;
}

export interface CsdlModel {
  /** The file as findings cite it. */
  file: string;
  /** By qualified name. */
  types: Map<string, CsdlStructuredType>;
  enums: Map<string, CsdlEnumType>;
  operations: CsdlOperation[];
  /** Lines of the `<Schema>` elements, for `subset.ts`. */
  schemas: { namespace: string; alias?: string; source: Span }[];
}

/** The part of a qualified name after the last dot: `microsoft.graph.call` → `call`. */
export function simpleName(qualified: string): string {
  return qualified.slice(qualified.lastIndexOf('.') + 1);
}
