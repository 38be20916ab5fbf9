/**
 * `parameter-undeclared`: the page documents a body parameter that the service's action or
 * function does not declare (the metadata lists the parameters it accepts).
 */
import { formatTypeRef } from '../../metadata/type-ref.js';
import { at, crossFinding, type CrossSourceRule } from '../cross-source.js';

export const parameterUndeclared: CrossSourceRule = {
  id: 'parameter-undeclared',
  severity: 'warning',
  description: 'The page documents a request body parameter that the bound action or function in the service metadata does not declare.',
  example: 'api/calendar-getschedule.md:46 documents schedules; the action getSchedule declares Schedules (v1.0.xml:24186), and likewise startTime, endTime, availabilityViewInterval.',
  check(set) {
    return set.operations.flatMap(({ spec, operation }) =>
      (spec.request.body?.parameters ?? [])
        .filter((p) => !operation.parameters.some((d) => d.name === p.name))
        .map((p) => {
          const near = operation.parameters.find((d) => d.name.toLowerCase() === p.name.toLowerCase());
          const declared = operation.parameters.map((d) => `${d.name}: ${formatTypeRef(d.type)}`).join(', ') || 'none';
          return crossFinding(
            'parameter-undeclared',
            'warning',
            { profile: spec.profile, owner: spec.operation, subject: p.name, source: p.source },
            `parameter ${p.name} is documented but ${operation.kind} ${operation.name} (${at(operation.source)}) does not declare it${near ? `; it declares ${near.name} (casing differs)` : ''}; declared parameters: ${declared}`,
            [{ source: near?.source ?? operation.source, message: near ? `declares ${near.name}` : `${operation.kind} ${operation.name}: ${declared}` }],
            { parameter: p.name, operation: operation.name },
          );
        }),
    );
  },
};
