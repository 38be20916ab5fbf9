/**
 * The cloud-communications profile of ../shared/corpus/graph-full (Graph v1.0): every API page
 * whose documented request line goes to `/communications/…`, chosen by what the pages say (their
 * request lines, read by the extractor's own pass), not by a list of file names. In this snapshot
 * that is 19 pages: call-*, participant-* and application-post-calls.md. The snapshot has no
 * onlineMeeting, presence or callRecords API pages, so those parts of the communications API are
 * not in the profile.
 *
 * `extractCommsProfile(dir)` runs the built CLI as a user would: `extract` of those pages (the
 * resource and enum pages they link are followed) with the v1.0 service metadata, under profile
 * `comms`, into `dir/specs`; then `build` into `dir/contracts`. Shared by the profile test and
 * the serve + verify tests.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePage } from '../../src/extract/read-page.js';
import { readRequestLine } from '../../src/extract/passes/request-line.js';
import { repoRoot, runCliAsync, type CliRun } from '../helpers.js';

export const GRAPH_V1 = join(repoRoot, '../shared/corpus/graph-full/api-reference/v1.0');
export const GRAPH_V1_METADATA = join(repoRoot, '../shared/corpus/graph-metadata/v1.0.xml');
export const COMMS_PROFILE = 'comms';
const API = join(GRAPH_V1, 'api');
const PREFIX = '/communications/';

/** Whether the corpus this profile is made from is on this machine. */
export function commsCorpusPresent(): boolean {
  return existsSync(API) && existsSync(GRAPH_V1_METADATA);
}

/** The API pages whose request lines go to `/communications/…`, sorted (absolute paths). */
export function commsPages(): string[] {
  return readdirSync(API)
    .filter((name) => name.endsWith('.md'))
    .map((name) => join(API, name))
    .filter((file) => {
      const text = readFileSync(file, 'utf8');
      // Cheap filter first: a page that never names the prefix cannot request it.
      if (!text.includes(PREFIX)) return false;
      return readRequestLine(parsePage(file, text))?.paths.some((p) => p.template.startsWith(PREFIX)) ?? false;
    })
    .sort();
}

function mustSucceed(step: string, run: CliRun): CliRun {
  if (run.status !== 0) throw new Error(`${step} exited ${run.status}:\n${run.stderr}${run.stdout}`);
  return run;
}

/** Extract the profile into `dir/specs/comms/` and build it into `dir/contracts/`; rejects when a step fails. */
export async function extractCommsProfile(dir: string): Promise<{ specsDir: string; contractsDir: string }> {
  const specsDir = join(dir, 'specs');
  const contractsDir = join(dir, 'contracts');
  mustSucceed('extract', await runCliAsync(['extract', ...commsPages(), '--profile', COMMS_PROFILE, '--metadata', GRAPH_V1_METADATA, '--out', specsDir]));
  mustSucceed('build', await runCliAsync(['build', '--specs', specsDir, '--out', contractsDir]));
  return { specsDir, contractsDir };
}
