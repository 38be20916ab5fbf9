/**
 * Cross-source lint: what the pages say next to what the service's metadata (CSDL) and the shared
 * enum page say about the same thing. `sourceSet` pairs every documented field (a resource
 * property, an operation's body parameter) with its metadata declaration once; the rules of
 * `rules/` that implement `CrossSourceRule` read those pairs and report disagreements, citing
 * the page as the finding's location and the other sources as related locations.
 */
import { enumSections, isEnumPage, qualifiedEnumKey, type EnumSection } from '../extract/enum-sections.js';
import type { PageResult } from '../extract/index.js';
import { allProperties, boundOperation, typeOfResource } from '../metadata/lookup.js';
import type { CsdlEnumType, CsdlModel, CsdlOperation, CsdlParameter, CsdlProperty, CsdlStructuredType } from '../metadata/model.js';
import type { Finding, RelatedSource, Severity } from '../spec/finding.js';
import type { OperationSpec, ParameterFact, PropertyFact, ResourceSpec, Source, Spec } from '../spec/model.js';

/** A documented field and what the metadata declares for it. */
export interface FieldPair {
  profile: string;
  /** The resource or operation the field belongs to: `commsOperation`, `updateRecordingStatus`. */
  owner: string;
  kind: 'property' | 'parameter';
  field: PropertyFact | ParameterFact;
  declared: CsdlProperty | CsdlParameter;
  /** The declared enum type, when the field's type is one. */
  enumType?: CsdlEnumType;
  /** Its section of the shared enum page, when there is one. */
  enumSection?: EnumSection;
}

export interface ResourcePair {
  spec: ResourceSpec;
  type: CsdlStructuredType;
}

export interface OperationPair {
  spec: OperationSpec;
  operation: CsdlOperation;
}

/** Everything a cross-source rule reads, computed once per lint run. */
export interface SourceSet {
  metadata: CsdlModel;
  resources: ResourcePair[];
  operations: OperationPair[];
  fields: FieldPair[];
  /** Sections of the shared enum page(s) by lower-case qualified enum name (`microsoft.graph.operationstatus`). */
  enumSections: Map<string, EnumSection>;
  /** The profile of a page of this run (for findings about the enum page itself). */
  profileOf: (file: string) => string;
}

export interface CrossSourceRule {
  id: string;
  severity: Severity;
  description: string;
  /** A real case from the Graph corpus, for the rule catalogue. */
  example: string;
  check(set: SourceSet): Finding[];
}

export function sourceSet(metadata: CsdlModel, specs: readonly Spec[], pages: readonly PageResult[], profileOf: (file: string) => string): SourceSet {
  const sections = new Map<string, EnumSection>();
  // A page that names no namespace is about the metadata's first schema (Graph: microsoft.graph).
  const mainNamespace = metadata.schemas[0]?.namespace ?? '';
  for (const p of pages) {
    if (!isEnumPage(p.page)) continue;
    for (const s of enumSections(p.page)) {
      const key = qualifiedEnumKey(s, mainNamespace);
      if (!sections.has(key)) sections.set(key, s);
    }
  }
  const resources: ResourcePair[] = [];
  const operations: OperationPair[] = [];
  const fields: FieldPair[] = [];
  const pair = (profile: string, owner: string, kind: FieldPair['kind'], field: PropertyFact | ParameterFact, declared: CsdlProperty | CsdlParameter): void => {
    const enumType = metadata.enums.get(declared.type.name);
    const enumSection = enumType ? sections.get(enumType.name.toLowerCase()) : undefined;
    fields.push({ profile, owner, kind, field, declared, ...(enumType ? { enumType } : {}), ...(enumSection ? { enumSection } : {}) });
  };
  for (const spec of specs) {
    if (spec.kind === 'resource') {
      const type = typeOfResource(metadata, spec.resource, spec.odataType);
      if (!type) continue;
      resources.push({ spec, type });
      const declared = new Map(allProperties(metadata, type).map((p) => [p.name, p]));
      for (const prop of spec.properties) {
        const d = declared.get(prop.name);
        if (d) pair(spec.profile, spec.resource, 'property', prop, d);
      }
    } else {
      const path = spec.paths.find((p) => !p.deprecated) ?? spec.paths[0];
      const kind = spec.method.value === 'POST' ? 'action' : spec.method.value === 'GET' ? 'function' : undefined;
      const operation = path && kind ? boundOperation(metadata, path.template, kind) : undefined;
      if (!operation) continue;
      operations.push({ spec, operation });
      for (const param of spec.request.body?.parameters ?? []) {
        const d = operation.parameters.find((p) => p.name === param.name);
        if (d) pair(spec.profile, spec.operation, 'parameter', param, d);
      }
    }
  }
  return { metadata, resources, operations, fields, enumSections: sections, profileOf };
}

/** A cross-source finding: id `rule/profile/owner/field`, located on the page, citing the other sources. */
export function crossFinding(
  rule: string,
  severity: Severity,
  at: { profile: string; owner: string; subject: string; source: Source },
  message: string,
  related: RelatedSource[],
  data?: Finding['data'],
): Finding {
  return { id: `${rule}/${at.profile}/${at.owner}/${at.subject}`, rule, severity, message, source: at.source, related, ...(data ? { data } : {}) };
}

/** `file:line` of a source. */
export const at = (source: Source): string => `${source.file}:${source.line}`;

/** A field's place for `crossFinding`. */
export function fieldPlace(pair: FieldPair, subject = pair.field.name): { profile: string; owner: string; subject: string; source: Source } {
  return { profile: pair.profile, owner: pair.owner, subject, source: pair.field.enum?.source ?? pair.field.source };
}
