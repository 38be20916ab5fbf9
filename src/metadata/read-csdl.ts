/**
 * CSDL XML → `CsdlModel`, streamed through saxes (line numbers on every element) in chunks, with
 * bounds on size, nesting depth and time: a file past a bound, or one that is not well-formed
 * XML, is an `InputError` naming file:line (exit 2), never a half-read model.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { SaxesParser } from 'saxes';
import { InputError } from '../spec/errors.js';
import type { CsdlEnumType, CsdlModel, CsdlOperation, CsdlStructuredType, Span } from './model.js';
import { parseTypeRef } from './type-ref.js';

export interface CsdlBounds {
  /** Largest file read (bytes). Graph beta, the largest real CSDL we know, is 4.2 MB. */
  maxBytes: number;
  /** Deepest element nesting; CSDL needs about 8. */
  maxDepth: number;
  /** Wall-clock time for the whole read (ms). */
  maxMs: number;
}

export const DEFAULT_CSDL_BOUNDS: CsdlBounds = { maxBytes: 64 * 1024 * 1024, maxDepth: 64, maxMs: 20_000 };

const CHUNK = 256 * 1024;

/** What an open element becomes, so its closing tag can give it an end line. */
interface Frame {
  local: string;
  span?: Span;
}

const localName = (name: string): string => name.slice(name.indexOf(':') + 1);

/** Read a CSDL file; `display` is how findings cite it (default: the path as given). */
export function readCsdl(path: string, display = path, bounds: CsdlBounds = DEFAULT_CSDL_BOUNDS): CsdlModel {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    throw new InputError('cannot read metadata file', { file: display });
  }
  try {
    const size = fstatSync(fd).size;
    if (size > bounds.maxBytes) throw new InputError(`metadata file is ${size} bytes, more than the ${bounds.maxBytes} allowed`, { file: display });
    const reader = csdlReader(display, bounds);
    const decoder = new StringDecoder('utf8');
    const buffer = Buffer.alloc(CHUNK);
    for (;;) {
      const n = readSync(fd, buffer, 0, CHUNK, null);
      if (n === 0) break;
      reader.write(decoder.write(buffer.subarray(0, n)));
    }
    return reader.end(decoder.end());
  } finally {
    closeSync(fd);
  }
}

/** Parse CSDL given as text (tests, property tests). */
export function parseCsdl(text: string, display: string, bounds: CsdlBounds = DEFAULT_CSDL_BOUNDS): CsdlModel {
  if (Buffer.byteLength(text) > bounds.maxBytes) throw new InputError(`metadata is more than the ${bounds.maxBytes} bytes allowed`, { file: display });
  return csdlReader(display, bounds).end(text);
}

function csdlReader(file: string, bounds: CsdlBounds): { write(chunk: string): void; end(rest: string): CsdlModel } {
  const model: CsdlModel = { file, types: new Map(), enums: new Map(), operations: [], schemas: [] };
  const parser = new SaxesParser({ position: true });
  const started = Date.now();
  const stack: Frame[] = [];
  const aliases = new Map<string, string>();
  let namespace = '';
  let tagLine = 1;
  let tags = 0;
  let type: CsdlStructuredType | undefined;
  let enumType: CsdlEnumType | undefined;
  let operation: CsdlOperation | undefined;
  let bindingSeen = false;

  const fail = (message: string, line = parser.line): never => {
    throw new InputError(message, { file, line });
  };
  const typeOf = (attr: string | undefined, line: number) => parseTypeRef(attr ?? fail('element has no Type attribute', line), aliases);

  parser.on('error', (err) => fail(`not well-formed XML: ${err.message.replace(/^[^:]*:\d+:\d+: /, '')}`));
  parser.on('doctype', () => fail('a DOCTYPE is not allowed in CSDL metadata'));
  parser.on('opentagstart', () => {
    tagLine = parser.line;
    if (++tags % 4096 === 0 && Date.now() - started > bounds.maxMs) fail(`reading the metadata took more than ${bounds.maxMs} ms`);
  });
  parser.on('opentag', (tag) => {
    if (stack.length >= bounds.maxDepth) fail(`elements nested more than ${bounds.maxDepth} deep`);
    const local = localName(tag.name);
    const a = tag.attributes as Record<string, string>;
    const span: Span = { file, line: tagLine, endLine: tagLine };
    const parent = stack[stack.length - 1]?.local;
    stack.push({ local, span });
    const name = (): string => a.Name ?? fail(`<${local}> has no Name attribute`, tagLine);
    if (local === 'Schema') {
      namespace = a.Namespace ?? fail('<Schema> has no Namespace attribute', tagLine);
      if (a.Alias) aliases.set(a.Alias, namespace);
      model.schemas.push({ namespace, ...(a.Alias ? { alias: a.Alias } : {}), source: span });
      return;
    }
    if (parent === 'Schema' && (local === 'EntityType' || local === 'ComplexType')) {
      type = {
        kind: local === 'EntityType' ? 'entity' : 'complex',
        name: `${namespace}.${name()}`,
        ...(a.BaseType ? { baseType: parseTypeRef(a.BaseType, aliases).name } : {}),
        abstract: a.Abstract === 'true',
        properties: [],
        navigationProperties: [],
        source: span,
      };
      model.types.set(type.name, type);
    } else if (parent === 'Schema' && local === 'EnumType') {
      enumType = { name: `${namespace}.${name()}`, isFlags: a.IsFlags === 'true', members: [], source: span };
      model.enums.set(enumType.name, enumType);
    } else if (parent === 'Schema' && (local === 'Action' || local === 'Function')) {
      operation = { kind: local === 'Action' ? 'action' : 'function', name: name(), namespace, parameters: [], source: span };
      bindingSeen = a.IsBound !== 'true';
      model.operations.push(operation);
    } else if (type && (local === 'Property' || local === 'NavigationProperty') && parent !== 'Annotation') {
      const property = { name: name(), type: typeOf(a.Type, tagLine), nullable: a.Nullable !== 'false', source: span };
      if (local === 'Property') type.properties.push(property);
      else type.navigationProperties.push({ ...property, containsTarget: a.ContainsTarget === 'true' });
    } else if (enumType && local === 'Member') {
      enumType.members.push({ name: name(), source: span });
    } else if (operation && local === 'Parameter') {
      const parameter = { name: name(), type: typeOf(a.Type, tagLine), nullable: a.Nullable !== 'false', source: span };
      // The first parameter of a bound operation is its binding parameter.
      if (!bindingSeen) {
        operation.bindingType = parameter.type;
        bindingSeen = true;
      } else operation.parameters.push(parameter);
    } else if (operation && local === 'ReturnType') {
      operation.returnType = { ...typeOf(a.Type, tagLine), nullable: a.Nullable !== 'false', source: span };
    }
  });
  parser.on('closetag', () => {
    const frame = stack.pop();
    if (frame?.span) frame.span.endLine = parser.line;
    if (stack[stack.length - 1]?.local !== 'Schema') return;
    type = undefined;
    enumType = undefined;
    operation = undefined;
  });

  return {
    write(chunk) {
      parser.write(chunk);
    },
    end(rest) {
      if (rest) parser.write(rest);
      parser.close();
      if (model.schemas.length === 0) fail('no <Schema> element: not CSDL metadata', 1);
      return model;
    },
  };
}
