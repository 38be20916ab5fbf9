/**
 * `property-type-differs`: the JSON type the page gives a property or parameter differs from the
 * type the metadata declares (page `String`, metadata `Edm.Int32`; page a single value, metadata
 * a collection). Integer and number are one family: Graph pages write `Int32` and `Double` alike.
 * A Type cell extraction could not read is not compared.
 */
import type { JsonType } from '../../spec/model.js';
import { simpleName, type CsdlModel, type TypeRef } from '../../metadata/model.js';
import { formatTypeRef, jsonTypeOfEdm } from '../../metadata/type-ref.js';
import { at, crossFinding, type CrossSourceRule } from '../cross-source.js';

/** The JSON type of a declared value (one item, for a collection). */
function declaredJsonType(model: CsdlModel, ref: TypeRef): JsonType | undefined {
  if (model.enums.has(ref.name)) return 'string';
  if (model.types.has(ref.name)) return 'object';
  return jsonTypeOfEdm(ref.name);
}

const family = (t: JsonType | undefined): string | undefined => (t === 'integer' ? 'number' : t);

export const propertyTypeDiffers: CrossSourceRule = {
  id: 'property-type-differs',
  severity: 'warning',
  description: 'The type the page gives a property or parameter differs from the type the service metadata declares (String vs Edm.Int32, one value vs a collection).',
  example: 'resources/datapolicyoperation.md:35 gives progress the type String; the metadata declares Edm.Double (v1.0.xml:13147).',
  check(set) {
    return set.fields.flatMap((f) => {
      const declared = declaredJsonType(set.metadata, f.declared.type);
      if (!declared) return [];
      const pageIsArray = f.field.type === 'array';
      const pageItem = pageIsArray ? f.field.items : f.field.type;
      // `object` with no resource is what extraction gives a Type cell it could not read ("String (optional)"): no claim to compare.
      if (pageItem === 'object' && !f.field.resource) return [];
      // A Type cell naming the declared type (`callState`, `DateTimeOffset`) agrees, whatever JSON type extraction gave it.
      const namesDeclared = f.field.resource?.toLowerCase() === simpleName(f.declared.type.name).toLowerCase();
      const shapeDiffers = pageIsArray !== f.declared.type.collection;
      const itemDiffers = pageItem !== undefined && !namesDeclared && family(pageItem) !== family(declared);
      if (!shapeDiffers && !itemDiffers) return [];
      const page = pageIsArray ? `array of ${pageItem ?? 'unknown'}` : f.field.type;
      return [
        crossFinding(
          'property-type-differs',
          'warning',
          { profile: f.profile, owner: f.owner, subject: f.field.name, source: f.field.source },
          `${f.owner}.${f.field.name}: the page gives ${page} (${at(f.field.source)}), the metadata declares ${formatTypeRef(f.declared.type)} (${at(f.declared.source)})`,
          [{ source: f.declared.source, message: `${f.field.name}: ${formatTypeRef(f.declared.type)}` }],
          { field: f.field.name, page, declared: formatTypeRef(f.declared.type) },
        ),
      ];
    });
  },
};
