/**
 * The compiled JSON Schemas (`contracts/schemas/…`), loaded with the verifier's own small Ajv
 * 2020-12 setup. Verify shares contract files with the reference implementation, never code
 * (DESIGN.md): a validator bug shared by both would hide itself from the mutation test.
 */
import { existsSync } from 'node:fs';
import { listFiles } from '../spec/list-files.js';
import { join, relative, sep } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { InputError } from '../spec/errors.js';
import { lineOfPattern, linearRegExp, nonLinearPatterns } from '../spec/linear-regexp.js';
import { INPUT_LIMITS, readInputText } from '../spec/read-input.js';

type AddFormats = (ajv: Ajv2020) => Ajv2020;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ?? addFormatsModule) as unknown as AddFormats;

/** Base for schemas without `$id`, so relative `$ref`s between files still resolve. */
const FALLBACK_BASE = 'https://callconform.invalid/verify/';

/** One way a value breaks a schema, as data. */
export interface SchemaProblem {
  /** JSON pointer into the value (`/status`). */
  pointer: string;
  message: string;
  keyword: string;
  params: Record<string, unknown>;
}

/** Contract file names (an interface of the compile stage, DESIGN.md): relative to the contracts folder. */
export function operationSchemaFile(profile: string, operation: string, role: 'request' | 'response' | 'notification'): string {
  return `schemas/${profile}/${operation}.${role}.schema.json`;
}

export function resourceSchemaFile(profile: string, resource: string): string {
  return `schemas/${profile}/resources/${resource}.schema.json`;
}

export class ContractSchemas {
  private readonly ajv: Ajv2020;
  /** file (relative to the contracts folder, `/` separators) → schema id in ajv. */
  private readonly ids = new Map<string, string>();
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(
    files: ReadonlyMap<string, Record<string, unknown>>,
    /** Shown in error messages. */
    readonly dir = 'contracts',
  ) {
    this.ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: true, code: { regExp: linearRegExp } });
    addFormats(this.ajv);
    for (const [file, schema] of files) {
      const id = typeof schema.$id === 'string' ? schema.$id : `${FALLBACK_BASE}${file}`;
      try {
        this.ajv.addSchema(schema.$id === undefined ? { ...schema, $id: id } : schema);
      } catch (err) {
        throw new InputError(`invalid JSON Schema: ${(err as Error).message.split('\n')[0] ?? ''}`, { file: join(dir, file), line: 1 });
      }
      this.ids.set(file, id);
    }
  }

  /** Read every `*.schema.json` below `<contractsDir>/schemas`; a missing folder is an empty set. */
  static load(contractsDir: string): ContractSchemas {
    const files = new Map<string, Record<string, unknown>>();
    const dir = join(contractsDir, 'schemas');
    for (const full of existsSync(dir) ? listFiles(dir).filter((f) => f.endsWith('.schema.json')) : []) {
      let value: unknown;
      const text = readInputText(full, INPUT_LIMITS.contract, 'contract schema');
      try {
        value = JSON.parse(text) as unknown;
      } catch (err) {
        throw new InputError(`not JSON: ${(err as Error).message.split('\n')[0] ?? ''}`, { file: full, line: 1 });
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InputError('a schema must be a JSON object', { file: full, line: 1 });
      // Checked here rather than when a check first compiles the schema: a run refuses the contracts before any request.
      const [bad] = nonLinearPatterns(value);
      if (bad) throw new InputError(`pattern ${JSON.stringify(bad.pattern)} cannot run in linear time: ${bad.problem}`, { file: full, line: lineOfPattern(text, bad.pattern) });
      files.set(relative(contractsDir, full).split(sep).join('/'), value as Record<string, unknown>);
    }
    return new ContractSchemas(files, contractsDir);
  }

  has(file: string): boolean {
    return this.ids.has(file);
  }

  get size(): number {
    return this.ids.size;
  }

  /** Problems of `value` against the schema file, [] when it validates; undefined when the file is not there. */
  validate(file: string, value: unknown): SchemaProblem[] | undefined {
    const id = this.ids.get(file);
    if (id === undefined) return undefined;
    let fn = this.compiled.get(file);
    if (!fn) {
      try {
        fn = this.ajv.getSchema(id);
      } catch (err) {
        throw new InputError(`cannot compile schema: ${(err as Error).message.split('\n')[0] ?? ''}`, { file: join(this.dir, file), line: 1 });
      }
      if (!fn) throw new InputError('cannot compile schema', { file: join(this.dir, file), line: 1 });
      this.compiled.set(file, fn);
    }
    if (fn(value)) return [];
    return (fn.errors ?? []).map((e) => ({
      pointer: e.instancePath || '/',
      message: e.message ?? e.keyword,
      keyword: e.keyword,
      params: e.params as Record<string, unknown>,
    }));
  }
}

/** `"/status must be equal to one of the allowed values (notStarted, running…)"`, one line. */
export function describeProblems(problems: readonly SchemaProblem[], limit = 3): string {
  const shown = problems.slice(0, limit).map((p) => {
    const allowed = Array.isArray(p.params.allowedValues) ? ` (${(p.params.allowedValues as unknown[]).map(String).join(', ')})` : '';
    const constant = 'allowedValue' in p.params ? ` (${JSON.stringify(p.params.allowedValue)})` : '';
    return `${p.pointer} ${p.message}${allowed}${constant}`;
  });
  return shown.join('; ') + (problems.length > limit ? `; and ${problems.length - limit} more` : '');
}
