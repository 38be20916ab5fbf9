/**
 * `response-type-differs`: the resource the page says an operation returns differs from the
 * return type of the action or function in the metadata. A documented type derived from the
 * declared one (updateRecordingStatusOperation for commsOperation) agrees.
 */
import type { CsdlModel } from '../../metadata/model.js';
import { simpleName } from '../../metadata/model.js';
import { formatTypeRef } from '../../metadata/type-ref.js';
import { at, crossFinding, type CrossSourceRule } from '../cross-source.js';

/** `name` is `declared` or derives from it. */
function derivesFrom(model: CsdlModel, name: string, declared: string): boolean {
  const seen = new Set<string>();
  const byName = [...model.types.values()].find((t) => simpleName(t.name).toLowerCase() === name.toLowerCase());
  for (let t = byName; t && !seen.has(t.name); t = t.baseType ? model.types.get(t.baseType) : undefined) {
    if (t.name === declared) return true;
    seen.add(t.name);
  }
  return simpleName(declared).toLowerCase() === name.toLowerCase();
}

export const responseTypeDiffers: CrossSourceRule = {
  id: 'response-type-differs',
  severity: 'warning',
  description: 'The resource type the page says an operation returns differs from the return type the service metadata declares for the action or function.',
  example: 'api/educationsubmission-return.md:89: the response annotation names microsoft.graph.educationAssignment (the page answers 204 No Content); the metadata declares ReturnType microsoft.graph.educationSubmission (v1.0.xml:21559).',
  check(set) {
    return set.operations.flatMap(({ spec, operation }) => {
      const body = spec.response.body;
      // A prose link may keep the end of "Collection(driveItem)": compare the name only.
      const documented = (body?.resource ?? body?.odataType?.replace(/^#(microsoft\.graph\.)?/, ''))?.replace(/[^\w.]+/g, '');
      if (!body || !documented) return [];
      const declared = operation.returnType;
      if (declared && derivesFrom(set.metadata, documented, declared.name)) return [];
      return [
        crossFinding(
          'response-type-differs',
          'warning',
          { profile: spec.profile, owner: spec.operation, subject: 'response', source: body.source },
          `the page says ${spec.operation} returns ${documented} (${at(body.source)}), the metadata declares ${declared ? `ReturnType ${formatTypeRef(declared)} (${at(declared.source)})` : `no return type for ${operation.kind} ${operation.name} (${at(operation.source)})`}`,
          [{ source: declared?.source ?? operation.source, message: declared ? `ReturnType ${formatTypeRef(declared)}` : 'no ReturnType' }],
          { documented, declared: declared ? formatTypeRef(declared) : 'none' },
        ),
      ];
    });
  },
};
