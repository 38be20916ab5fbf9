import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/html.js';
import type { Report } from '../../src/report/result.js';
import { FIXTURE_COOKIE, FIXTURE_TOKEN, conformantReport, erroredReport, nonconformantReport } from './fixtures.js';

const CHROMIUM = process.env.CALLCONFORM_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-gpu',
  '--disable-quic',
];

describe('renderHtml (as text)', () => {
  const html = renderHtml(nonconformantReport(), { secrets: [FIXTURE_TOKEN] });

  it('is self-contained: no scripts, no external references, a CSP that forbids fetching', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<(img|link|iframe|object|embed|video|audio|source|base|form)\b/i);
    expect(html).not.toMatch(/\bsrc="/i);
    // The only links that leave the page are citations of published doc pages (navigation, never a fetch).
    const outward = [...html.matchAll(/<a\b[^>]*\bhref="(?!#)[^"]*"[^>]*>/g)].map((m) => m[0]);
    expect(outward.length).toBeGreaterThan(0);
    for (const a of outward) expect(a).toMatch(/^<a class="cite" href="https:\/\/learn\.microsoft\.com\/en-us\/graph\/[^"]+" rel="noreferrer">$/);
    expect(html.match(/<style>/g)).toHaveLength(1);
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    expect(style).not.toMatch(/url\(|@import|@font-face/i);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'`);
  });

  it('escapes hostile target output and shows invisible characters', () => {
    expect(html).toContain('&#60;/script&#62;&#60;script&#62;window.__pwned');
    expect(html).toContain('&#60;img src=x onerror=');
    expect(html).toContain('\\u202E');
    expect(html).not.toMatch(/[\u0000-\u0008\u001B\u202E]/);
    expect(html).not.toContain(FIXTURE_TOKEN);
    expect(html).not.toContain(FIXTURE_COOKIE);
  });

  it('is deterministic', () => {
    expect(renderHtml(nonconformantReport(), { secrets: [FIXTURE_TOKEN] })).toBe(html);
  });
});

const hasChromium = existsSync(CHROMIUM);

// Without Chromium the browser test is skipped locally but fails in CI (CI=… set): a certificate
// page that was never rendered is not tested.
describe.skipIf(!hasChromium && !process.env.CI)('report.html in headless Chromium', () => {
  let context: BrowserContext;
  let profileDir: string;
  let pagesDir: string;

  beforeAll(async () => {
    if (!hasChromium) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install -y chromium)`);
    profileDir = mkdtempSync(join(tmpdir(), 'callconform-chromium-'));
    pagesDir = mkdtempSync(join(tmpdir(), 'callconform-html-'));
    context = await chromium.launchPersistentContext(profileDir, { executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  }, 30_000);

  afterAll(async () => {
    await context?.close();
    for (const dir of [profileDir, pagesDir]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Open a report's page from a file; every request other than file:/data: is recorded and refused. */
  async function open(report: Report | string, name: string, withoutCsp = false): Promise<{ page: Page; foreign: string[]; dialogs: string[]; file: string }> {
    const file = join(pagesDir, `${name}.html`);
    let html = typeof report === 'string' ? report : renderHtml(report, { secrets: [FIXTURE_TOKEN] });
    if (withoutCsp) html = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
    writeFileSync(file, html);
    const page = await context.newPage();
    const foreign: string[] = [];
    const dialogs: string[] = [];
    page.on('request', (req) => {
      if (!/^(file|data):/.test(req.url())) foreign.push(req.url());
    });
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.route('**/*', (route) => (/^(file|data):/.test(route.request().url()) ? route.continue() : route.abort('blockedbyclient')));
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    return { page, foreign, dialogs, file };
  }

  it('shows the verdict, the counts and every failure row, and makes no network request', async () => {
    const report = nonconformantReport();
    const { page, foreign, dialogs } = await open(report, 'nonconformant');
    const banner = page.locator('header#verdict');
    expect(await banner.isVisible()).toBe(true);
    expect(await banner.locator('.verdict').innerText()).toBe('Nonconformant');
    expect(await banner.locator('.profile').innerText()).toBe('graph-v1.0');
    expect(await page.locator('[data-count="failed"]').innerText()).toBe('2');
    expect(await page.locator('[data-count="errored"]').innerText()).toBe('1');

    const failing = report.results.filter((r) => r.verdict === 'fail');
    const rows = page.locator('#operations tr.result[data-verdict="fail"]');
    expect(await rows.count()).toBe(failing.length);
    for (let i = 0; i < failing.length; i++) {
      const row = rows.nth(i);
      expect(await row.isVisible()).toBe(true);
      const text = await row.innerText();
      expect(text).toContain(failing[i]!.requirement);
      expect(text).toContain(`${failing[i]!.source.file}:${failing[i]!.source.line}`);
    }
    expect(await page.locator('#attention tr[data-verdict="fail"]').count()).toBe(failing.length);
    expect(await page.locator('#attention tr[data-verdict="error"]').count()).toBe(1);
    expect(await page.locator('#attention tr[data-verdict="warn"]').count()).toBe(1);

    // a failure's evidence is open; passed results are folded under one line until asked for
    const failedEvidence = page.locator('tr.evidence-row.verdict-fail details').first();
    expect(await failedEvidence.locator('pre', { hasText: 'curl -sS' }).first().isVisible()).toBe(true);
    const passed = page.locator('#operations tr.result[data-verdict="pass"]');
    expect(await passed.count()).toBe(report.results.filter((r) => r.verdict === 'pass').length);
    for (const row of await passed.all()) expect(await row.isVisible()).toBe(false);
    await page.locator('#operations details.passed > summary').first().click();
    expect(await passed.first().isVisible()).toBe(true);
    const evidence = page.locator('tr.evidence-row.verdict-pass details').first();
    const curl = evidence.locator('pre', { hasText: 'curl -sS' }).first();
    expect(await curl.isVisible()).toBe(false);
    await evidence.locator('summary').click();
    expect(await curl.isVisible()).toBe(true);

    expect(await page.locator('#sources li').count()).toBeGreaterThan(0);
    expect(foreign).toEqual([]);
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it('the harness notices a page that fetches something', async () => {
    const leaky = '<!DOCTYPE html><title>leak</title><img src="http://198.51.100.7/pixel.gif"><link rel="stylesheet" href="https://198.51.100.7/x.css">';
    const { page, foreign } = await open(leaky, 'leaky');
    expect(foreign.length).toBeGreaterThan(0);
    await page.close();
  });

  it('keeps hostile strings inert by escaping alone (CSP removed): no injected elements, nothing executed, text shown as text', async () => {
    const { page, foreign, dialogs } = await open(nonconformantReport(), 'hostile', true);
    // open every folded block so hostile bodies are laid out too
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
    expect(await page.locator('script, img, iframe, link, object, embed, injected').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned ?? null)).toBeNull();
    const text = await page.locator('body').innerText();
    expect(text).toContain('</script><script>window.__pwned');
    expect(text).toContain('<img src=x onerror=');
    expect(text).not.toContain(FIXTURE_TOKEN);
    expect(foreign).toEqual([]);
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it('links each citation to its published page and quotes the cited line', async () => {
    const report = nonconformantReport();
    const { page, foreign } = await open(report, 'citations');
    const fail = report.results.find((r) => r.verdict === 'fail')!;
    const cell = page.locator('#operations tr.result[data-verdict="fail"]').first().locator('td').last();
    const link = cell.locator('a.cite');
    expect(await link.getAttribute('href')).toBe('https://learn.microsoft.com/en-us/graph/api/call-updaterecordingstatus?view=graph-rest-1.0');
    expect(await link.innerText()).toBe(`${fail.source.file}:${fail.source.line}`);
    expect(await cell.locator('q.quote').innerText()).toContain(report.citations![`${fail.source.file}:${fail.source.line}`]!.quote!);
    expect(await page.locator('#attention a.cite').count()).toBe(await page.locator('#attention tr').count() - 1);
    expect(await page.locator('#sources li a.cite').count()).toBeGreaterThan(0);
    // the hostile quote is text, not markup
    expect(await page.locator('q.quote', { hasText: '</script><script>window.__pwned' }).count()).toBeGreaterThan(0);
    expect(foreign).toEqual([]);
    await page.close();
  });

  it('never breaks a column header inside a word, even on a narrow screen', async () => {
    for (const width of [1280, 420]) {
      const { page } = await open(nonconformantReport(), `headers-${width}`);
      await page.setViewportSize({ width, height: 900 });
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
      const broken = await page.evaluate(() => {
        const out: string[] = [];
        for (const th of document.querySelectorAll('thead th')) {
          const text = th.firstChild;
          if (!text || text.nodeType !== Node.TEXT_NODE) continue;
          for (const m of (text.textContent ?? '').matchAll(/\S+/g)) {
            const range = document.createRange();
            range.setStart(text, m.index);
            range.setEnd(text, m.index + m[0].length);
            const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
            if (lines.size > 1) out.push(m[0]);
          }
        }
        return out;
      });
      expect(broken, `width ${width}`).toEqual([]);
      expect(await page.locator('thead th').count()).toBeGreaterThan(10);
      await page.close();
    }
  });

  it('keeps a clean report short: passed results folded, nothing to scroll through', async () => {
    const report = conformantReport();
    const { page } = await open(report, 'clean');
    await page.setViewportSize({ width: 1280, height: 900 });
    for (const row of await page.locator('#operations tr.result').all()) expect(await row.isVisible()).toBe(false);
    expect(await page.locator('#operations details.passed').count()).toBe(new Set(report.results.map((r) => r.operation)).size);
    expect(await page.locator('#operations details.passed[open]').count()).toBe(0);
    const folded = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
    const unfolded = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(folded).toBeLessThan(unfolded);
    expect(folded).toBeLessThan(1400);
    await page.close();
  });

  it('shows conformant and error verdicts', async () => {
    for (const [report, label] of [
      [conformantReport(), 'Conformant'],
      [erroredReport(), 'Not judged (errors)'],
    ] as const) {
      const { page, foreign } = await open(report, report.profile);
      expect(await page.locator('header#verdict .verdict').innerText()).toBe(label);
      expect(await page.locator('#operations tr.result').count()).toBe(report.results.length);
      expect(foreign).toEqual([]);
      await page.close();
    }
  });
});
