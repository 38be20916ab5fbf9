import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { Decision } from '../../src/spec/decisions.js';
import { specPath, stringifySpec, type SpecSet } from '../../src/spec/yaml-io.js';

export const bin = join(process.cwd(), 'bin', 'callconform.js');

/** A temporary specs folder holding `set` as YAML and `decisions` as decisions.yaml. */
export function writeSpecsDir(set: SpecSet, decisions: Omit<Decision, 'source'>[] = []): string {
  const root = mkdtempSync(join(tmpdir(), 'callconform-compile-test-'));
  const specs = join(root, 'specs');
  for (const spec of [...set.operations, ...set.resources]) {
    const file = specPath(specs, spec);
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, stringifySpec(spec));
  }
  mkdirSync(specs, { recursive: true });
  writeFileSync(join(specs, 'decisions.yaml'), stringify({ decisions }));
  return root;
}

export function cli(args: string[], env: Record<string, string> = {}): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
