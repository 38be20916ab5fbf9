/**
 * A profile of graph-full pages chosen by what their request lines say, extracted and built
 * through the CLI as a user does (`extract --profile`, `build`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCliAsync } from '../helpers.js';

export const GRAPH_FULL_API = join(import.meta.dirname, '../../../shared/corpus/graph-full/api-reference/v1.0/api');

/** The API pages (full paths, sorted) with a request line (`GET /…`) that `line` accepts. */
export function pagesWithRequestLine(line: RegExp, dir = GRAPH_FULL_API): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .filter((f) => readFileSync(join(dir, f), 'utf8').split('\n').some((l) => /^(GET|POST|PATCH|DELETE|PUT) \//.test(l) && line.test(l.trim())))
    .map((f) => join(dir, f));
}

/** `extract` the pages as `profile` into dir/specs and `build` them into dir/contracts. */
export async function extractProfile(pages: readonly string[], profile: string, dir: string): Promise<{ specsDir: string; contractsDir: string }> {
  const specsDir = join(dir, 'specs');
  const contractsDir = join(dir, 'contracts');
  const extract = await runCliAsync(['extract', ...pages, '--profile', profile, '--out', specsDir]);
  if (extract.status !== 0) throw new Error(`extract failed (${extract.status}): ${extract.stderr}`);
  const build = await runCliAsync(['build', '--specs', specsDir, '--out', contractsDir]);
  if (build.status !== 0) throw new Error(`build failed (${build.status}): ${build.stderr}`);
  return { specsDir, contractsDir };
}
