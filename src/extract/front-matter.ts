/**
 * A markdown page's front matter (lines 1..n between `---` fences): its scalar values as strings.
 *
 * Read with `yaml`. Nearly every Graph page's front matter is a flat list of `key: value` lines,
 * and the YAML library took a sixth of the time of extracting a page, so those lines are read
 * directly when every one of them is of a shape whose YAML meaning is certain (a plain string that
 * cannot be a number, boolean or null, or a quoted string without escapes); anything else goes to
 * `yaml`. A property test holds both readings equal.
 */
import { parse as parseYaml } from 'yaml';

export interface FrontMatter {
  data: Record<string, string>;
  /** Lines the front matter occupies (0 when the page has none). */
  end: number;
}

const KEY_VALUE = /^([A-Za-z_][\w.-]*):(?: +(.*?))? *$/;
const DOUBLE_QUOTED = /^"([^"\\]*)"$/;
const SINGLE_QUOTED = /^'([^']*)'$/;
/** A plain scalar that YAML's core schema can only read as this same string. */
const PLAIN_STRING = /^[A-Za-z][^:#"'\\{}[\],&*!|>%@`]*$/;
const CORE_KEYWORD = /^(true|false|null|yes|no|on|off)$/i;

/** Flat `key: value` lines read without the YAML library; undefined when any line needs it. */
export function readFlatFrontMatter(lines: readonly string[]): Record<string, string> | undefined {
  const data: Record<string, string> = {};
  const seen = new Set<string>();
  for (const line of lines) {
    const m = KEY_VALUE.exec(line);
    if (!m) return undefined;
    const key = m[1]!;
    const raw = m[2] ?? '';
    if (seen.has(key)) return undefined;
    seen.add(key);
    if (raw === '') continue;
    const quoted = DOUBLE_QUOTED.exec(raw) ?? SINGLE_QUOTED.exec(raw);
    if (quoted) data[key] = quoted[1]!;
    else if (PLAIN_STRING.test(raw) && !CORE_KEYWORD.test(raw)) data[key] = raw;
    else return undefined;
  }
  return data;
}

/** Front matter read with the YAML library: scalar values only, none when it does not parse. */
export function readYamlFrontMatter(lines: readonly string[]): Record<string, string> {
  const data: Record<string, string> = {};
  try {
    const parsed: unknown = parseYaml(lines.join('\n'));
    if (parsed && typeof parsed === 'object') {
      for (const [k, v] of Object.entries(parsed as Record<string, unknown>)) {
        if (v !== null && typeof v !== 'object') data[k] = String(v);
      }
    }
  } catch {
    // Unparseable front matter is reported by lint; the page body is still read.
  }
  return data;
}

export function splitFrontMatter(lines: readonly string[]): FrontMatter {
  if (lines[0]?.trim() !== '---') return { data: {}, end: 0 };
  const close = lines.findIndex((l, i) => i > 0 && l.trim() === '---');
  if (close < 0) return { data: {}, end: 0 };
  const inner = lines.slice(1, close);
  return { data: readFlatFrontMatter(inner) ?? readYamlFrontMatter(inner), end: close + 1 };
}
