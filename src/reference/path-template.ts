/**
 * Documented path templates (`/communications/calls/{id}/updateMetadata`) as matchers. Pure.
 * Literal segments compare case-insensitively (Graph and OData paths do); parameters take one
 * non-empty segment.
 */
/** A literal segment, or a parameter with the literal text around it in its segment (`{item-path}:`). */
export type Segment = { literal: string } | { param: string; prefix?: string; suffix?: string };

export interface PathTemplate {
  template: string;
  segments: Segment[];
}

export function parseTemplate(template: string): PathTemplate {
  const segments = splitPath(template).map((s): Segment => {
    const m = /^([^{}]*)\{([^{}]+)\}([^{}]*)$/.exec(s);
    if (!m?.[2]) return { literal: s };
    return m[1] || m[3] ? { param: m[2], prefix: m[1] ?? '', suffix: m[3] ?? '' } : { param: m[2] };
  });
  return { template, segments };
}

/** Path segments of a URL path, percent-decoded; undefined when a segment does not decode. */
export function splitPath(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

export function decodeSegments(path: string): string[] | undefined {
  try {
    return splitPath(path).map((s) => decodeURIComponent(s));
  } catch {
    return undefined;
  }
}

/** The parameter values when the path matches the template, else undefined. */
export function matchTemplate(tpl: PathTemplate, segments: readonly string[]): Record<string, string> | undefined {
  if (segments.length !== tpl.segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const want = tpl.segments[i];
    const got = segments[i] ?? '';
    if (!want) return undefined;
    if ('param' in want) {
      const prefix = want.prefix ?? '';
      const suffix = want.suffix ?? '';
      if (got.length <= prefix.length + suffix.length || !got.startsWith(prefix) || !got.endsWith(suffix)) return undefined;
      params[want.param] = got.slice(prefix.length, got.length - suffix.length);
    } else if (want.literal.toLowerCase() !== got.toLowerCase()) return undefined;
  }
  return params;
}

/**
 * How specifically a template names a path, segment by segment from the left: a literal (`$ref`)
 * before a placeholder with literal text around it (`roleTemplateId={id}`) before a bare
 * placeholder (`{member-id}`), as routers rank static routes over parameters.
 */
export function specificity(tpl: PathTemplate): number[] {
  return tpl.segments.map((s) => ('literal' in s ? 2 : s.prefix || s.suffix ? 1 : 0));
}

/** The templates that name a path most specifically (all of them when they tie). */
export function mostSpecific<T>(items: readonly T[], tplOf: (item: T) => PathTemplate): T[] {
  const ranked = items.map((item) => ({ item, rank: specificity(tplOf(item)) }));
  const cmp = (a: number[], b: number[]): number => {
    for (let i = 0; i < Math.max(a.length, b.length); i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
    return 0;
  };
  const best = ranked.reduce<number[] | undefined>((top, r) => (top === undefined || cmp(r.rank, top) > 0 ? r.rank : top), undefined);
  return ranked.filter((r) => best !== undefined && cmp(r.rank, best) === 0).map((r) => r.item);
}

/** Fill a template with values (each percent-encoded). */
export function fillTemplate(segments: readonly Segment[], values: Readonly<Record<string, string>>): string {
  return '/' + segments.map((s) => ('param' in s ? `${s.prefix ?? ''}${encodeURIComponent(values[s.param] ?? '')}${s.suffix ?? ''}` : s.literal)).join('/');
}

export function formatTemplate(segments: readonly Segment[]): string {
  return '/' + segments.map((s) => ('param' in s ? `${s.prefix ?? ''}{${s.param}}${s.suffix ?? ''}` : s.literal)).join('/');
}
