/**
 * What failed in one tool run, as stable keys (test name + the reason, with run-specific values
 * masked), so a fault run can be compared with the clean run of the same tool.
 */

export interface JunitCase {
  name: string;
  failed: boolean;
  skipped: boolean;
  message: string;
}

function unescapeXml(s: string): string {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#10;/g, '\n')
    .replace(/&#13;/g, '\r')
    .replace(/&#(\d+);/g, (_m, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&');
}

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m?.[1] === undefined ? undefined : unescapeXml(m[1]);
}

/** The testcases of a JUnit/xUnit XML file (the subset Specmatic and Dredd write). */
export function parseJunit(xml: string): JunitCase[] {
  const cases: JunitCase[] = [];
  const re = /<testcase\b([^>]*?)(\/>|>([\s\S]*?)<\/testcase>)/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    const head = m[1] ?? '';
    const body = m[3] ?? '';
    const failure = /<(failure|error)\b([^>]*?)(\/>|>([\s\S]*?)<\/\1>)/.exec(body);
    const message = failure ? (attr(failure[2] ?? '', 'message') ?? unescapeXml(failure[4] ?? '')) : '';
    cases.push({ name: attr(head, 'name') ?? '?', failed: failure !== null, skipped: /<skipped\b/.test(body), message });
  }
  return cases;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** The reason lines of a failure message, with ids, ports, bodies and random strings masked. */
export function reasonOf(message: string): string {
  const lines = message
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /(R\d{4}:|Specification expected|Exception:|Expected|expected|but got|statusCode|body:|headers:)/.test(l));
  return lines
    .map((l) =>
      l
        .replace(UUID, '<id>')
        .replace(/:\d{2,5}\b/g, ':<port>')
        .replace(/\{.*$/, '{…}')
        .replace(/"[A-Za-z0-9]{5,}"/g, '"<s>"')
        .slice(0, 200),
    )
    .join(' / ');
}

export function junitFailureKeys(cases: readonly JunitCase[]): string[] {
  return [...new Set(cases.filter((c) => c.failed).map((c) => `${c.name} :: ${reasonOf(c.message)}`))].sort();
}

/** The failed interactions in the Pact verifier's summary ("1) Verifying a pact between … - description"). */
export function pactFailureKeys(output: string): string[] {
  const plain = output.replace(/\u001b\[[0-9;]*m/g, '');
  const keys = new Set<string>();
  for (const m of plain.matchAll(/^\s*\d+\) Verifying a pact between (\S+) and (\S+)(.*)$/gm)) keys.add(`${m[2] ?? ''}: ${(m[3] ?? '').trim().replace(UUID, '<id>')}`);
  return [...keys].sort();
}

/**
 * Whether a fault run shows a failure the clean run did not have. `cleanOk` runs (exit 0 on the
 * clean server) make any failure count; otherwise only new failure keys count.
 */
export function newFailures(clean: readonly string[], fault: readonly string[]): string[] {
  const before = new Set(clean);
  return fault.filter((k) => !before.has(k));
}
