/**
 * The regular-expression engine for patterns that come from contract files (JSON Schema
 * `pattern`, `patternProperties`). JavaScript's own engine backtracks: `^(a+)+$` against 41
 * `a`s and a `!` runs for minutes and no timer can interrupt it, because it holds the event loop.
 * RE2JS matches in time linear in the input, whatever the pattern; patterns it cannot run
 * (backreferences, lookaround) are refused when the schema is compiled, naming the schema file.
 */
import { RE2JS } from 're2js';
import type { RegExpEngine, RegExpLike } from 'ajv/dist/types/index.js';

/** Compile `source` (ECMAScript syntax) for RE2; throws RE2JSException on syntax RE2 cannot run. */
export function compileLinear(source: string): RE2JS {
  return RE2JS.compile(RE2JS.translateRegExp(source));
}

/** Why `source` cannot run in linear time (RE2's message), or undefined when it can. */
export function linearRegExpProblem(source: string): string | undefined {
  try {
    compileLinear(source);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

/** For Ajv's `code.regExp` option: every `pattern` a schema declares is run by RE2JS. */
export const linearRegExp: RegExpEngine = Object.assign(
  (source: string): RegExpLike => {
    const re = compileLinear(source);
    // Ajv keys its compiled patterns by toString(): without it every pattern would share one.
    const like: RegExpLike & { toString(): string } = { test: (s: string) => re.test(s), toString: () => `/${source}/` };
    return like;
  },
  { code: 'linearRegExp' },
);

/** A pattern found in a schema that RE2 cannot run, with RE2's reason. */
export interface NonLinearPattern {
  pattern: string;
  problem: string;
}

/** Every `pattern` value and `patternProperties` key below `schema` that RE2 cannot run. */
export function nonLinearPatterns(schema: unknown): NonLinearPattern[] {
  const found: NonLinearPattern[] = [];
  const check = (pattern: string): void => {
    const problem = linearRegExpProblem(pattern);
    if (problem !== undefined) found.push({ pattern, problem });
  };
  const stack: unknown[] = [schema];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null) continue;
    if (Array.isArray(node)) {
      stack.push(...(node as unknown[]));
      continue;
    }
    const record = node as Record<string, unknown>;
    if (typeof record.pattern === 'string') check(record.pattern);
    const props = record.patternProperties;
    if (typeof props === 'object' && props !== null && !Array.isArray(props)) Object.keys(props).forEach(check);
    stack.push(...Object.values(record));
  }
  return found;
}

/** 1-based line of the first occurrence of `pattern` (as a JSON string) in `text`; 1 when not found. */
export function lineOfPattern(text: string, pattern: string): number {
  const at = text.indexOf(JSON.stringify(pattern));
  return at < 0 ? 1 : text.slice(0, at).split('\n').length;
}
