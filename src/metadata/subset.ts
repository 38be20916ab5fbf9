/**
 * A verbatim subset of a CSDL file: the elements a profile needs (its resources' types with their
 * base and property types, the enums they use, the actions and functions bound to them), copied
 * line for line, each under a comment naming its line range in the original. A profile can ship
 * this instead of the whole service metadata (Graph v1.0 is 2.4 MB) and still cite real lines.
 * Navigation targets and binding types are not followed: the subset describes what the profile's
 * pages describe, not the service's whole graph.
 */
import type { CsdlModel, CsdlOperation, Span } from './model.js';

export interface SubsetRequest {
  /** Qualified names of the structured types to keep (`microsoft.graph.call`). */
  types: string[];
  /** Names of bound actions and functions to keep (every overload; their binding types are not kept). */
  operations: string[];
}

/** Every type and enum reachable from the roots through base types, property types, parameter and return types. */
function closure(model: CsdlModel, request: SubsetRequest): { names: Set<string>; operations: CsdlOperation[] } {
  const names = new Set<string>();
  const queue = [...request.types];
  const visit = (name: string): void => {
    if (!names.has(name) && (model.types.has(name) || model.enums.has(name))) queue.push(name);
  };
  const operations = model.operations.filter((o) => o.bindingType && request.operations.includes(o.name));
  for (const o of operations) {
    for (const p of o.parameters) visit(p.type.name);
    if (o.returnType) visit(o.returnType.name);
  }
  for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
    if (names.has(name)) continue;
    names.add(name);
    const type = model.types.get(name);
    if (!type) continue;
    if (type.baseType) visit(type.baseType);
    for (const p of type.properties) visit(p.type.name);
  }
  return { names, operations };
}

/** The subset's text; `origin` names the original in the provenance comments. */
export function csdlSubset(text: string, model: CsdlModel, request: SubsetRequest, origin: string): string {
  const lines = text.split('\n');
  const { names, operations } = closure(model, request);
  const elements: Span[] = [
    ...[...names].map((n) => (model.types.get(n) ?? model.enums.get(n))!.source),
    ...operations.map((o) => o.source),
  ];
  const out = [lines[0]!, `<!-- A verbatim subset of ${origin}: each element below is copied unchanged from the line range its comment names. -->`];
  const firstSchema = model.schemas[0]?.source.line ?? 1;
  out.push(...lines.slice(1, firstSchema - 1));
  for (const schema of model.schemas) {
    const next = model.schemas.find((s) => s.source.line > schema.source.line);
    const inside = elements.filter((e) => e.line > schema.source.line && (!next || e.line < next.source.line)).sort((a, b) => a.line - b.line);
    if (inside.length === 0) continue;
    out.push(lines[schema.source.line - 1]!);
    for (const e of inside) out.push(`      <!-- ${origin} lines ${e.line}-${e.endLine} -->`, ...lines.slice(e.line - 1, e.endLine));
    out.push(lines[schema.source.endLine - 1]!);
  }
  const lastSchema = model.schemas[model.schemas.length - 1]?.source.endLine ?? lines.length;
  out.push(...lines.slice(lastSchema).filter((l) => l.trim() !== ''));
  return `${out.join('\n')}\n`;
}
