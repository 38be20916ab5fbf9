/**
 * Every command's --help, as a user reads it from the built CLI: a description without line breaks
 * inside sentences, each default printed once, examples that run the command, its exit codes,
 * and CALLCONFORM_DEBUG documented.
 */
import { spawnSync } from 'node:child_process';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { commands } from '../../src/cli/commands/index.js';
import { cliPath, repoRoot } from '../helpers.js';

const program = new Command('callconform');
for (const register of commands) register(program, () => undefined);
const names = program.commands.map((c) => c.name());

function help(args: string[]): { status: number | null; stdout: string } {
  const r = spawnSync(process.execPath, [cliPath, ...args, '--help'], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, COLUMNS: '100' } });
  return { status: r.status, stdout: r.stdout };
}

/** A line break that does not end a sentence, a list item or a heading. */
const BREAK_INSIDE_SENTENCE = /[^.:!?)\n]\n(?!\n| {2})/;

describe('callconform --help', () => {
  it('lists every command, the exit codes and CALLCONFORM_DEBUG', () => {
    const r = help([]);
    expect(r.status).toBe(0);
    for (const name of names) expect(r.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
    expect(r.stdout).toMatch(/Exit codes: 0 ok, 1 .*, 2 .*, 3 target unreachable/);
    expect(r.stdout).toMatch(/CALLCONFORM_DEBUG +when set/);
  });
});

describe.each(names)('callconform %s --help', (name) => {
  const command = program.commands.find((c) => c.name() === name)!;

  it('has texts without line breaks inside sentences', () => {
    expect(command.description()).not.toMatch(BREAK_INSIDE_SENTENCE);
    expect(command.description()).not.toContain('\n');
    for (const o of command.options) expect(o.description, o.flags).not.toContain('\n');
  });

  it('prints each default once', () => {
    for (const o of command.options) {
      const said = /\(default/.test(o.description);
      expect(said && o.defaultValue !== undefined, `${o.flags}: default in its text and as a value`).toBe(false);
    }
    const r = help([name]);
    expect(r.stdout).not.toMatch(/\(default:[^)]*\)\s*\(default:/);
  });

  it('shows examples of this command, its exit codes and CALLCONFORM_DEBUG', () => {
    const r = help([name]);
    expect(r.status).toBe(0);
    const examples = r.stdout.split('\nExamples:\n')[1]?.split('\n\n')[0] ?? '';
    expect(examples, 'Examples: section').toMatch(new RegExp(`^  callconform ${name}\\b`, 'm'));
    const codes = r.stdout.split('\nExit codes:\n')[1]?.split('\n\n')[0] ?? '';
    expect(codes, 'Exit codes: section').toMatch(/^ {2}0 {2}\S/m);
    expect(codes).toMatch(/^ {2}2 {2}usage or input error/m);
    expect(r.stdout).toMatch(/^ {2}CALLCONFORM_DEBUG +when set/m);
  });
});
