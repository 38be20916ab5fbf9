import { helpFooter, USAGE_ERROR } from '../help.js';
import type { FailOn } from '../../drift/diff.js';
import type { DriftFormat } from '../../drift/format.js';
import type { DriftInput } from '../../drift/inputs.js';
import { InputError } from '../../spec/errors.js';
import type { RegisterCommand } from './index.js';

const FORMATS: readonly DriftFormat[] = ['text', 'json', 'markdown'];
const FAIL_ON: readonly FailOn[] = ['breaking', 'any', 'none'];

function choice<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new InputError(`"${value}" is not one of ${allowed.join(', ')}`, { file: flag });
}

/** The other side's only profile, for pages that do not sit in `sources/<profile>/`. */
function onlyProfile(input: DriftInput, knownProfiles: (input: DriftInput) => Set<string>): string | undefined {
  const profiles = knownProfiles(input);
  return profiles.size === 1 ? [...profiles][0] : undefined;
}

export const registerDrift: RegisterCommand = (program, setExit) => {
  program
    .command('drift')
    .summary('classify what changed between two versions of the docs (breaking for clients, for implementations, or not)')
    .description(
      'Compare two versions of the docs or specs fact by fact and classify every change as breaking for clients, breaking for implementations, or non-breaking, with both sides\' sources. ' +
        'OLD and NEW are each a doc page, a folder of pages or specs, a service metadata file (CSDL .xml), or a git ref of the repository it runs in (REV:path, or a bare commit meaning REV:specs). ' +
          'Two metadata files are compared whole; a metadata file against pages or specs is compared on what those pages describe.',
    )
    .argument('<old>', 'doc page, folder of pages or specs, metadata .xml, or git ref of this repository (HEAD~3:specs)')
    .argument('<new>', 'same kinds as OLD')
    .option('--format <format>', 'text, json or markdown', 'text')
    .option('--fail-on <class>', 'exit 1 on: breaking changes, any change, or none', 'breaking')
    .option('--profile <profile>', 'profile of pages outside specs/sources/<profile>/ (default: the other side\'s profile)')
    .addHelpText(
      'after',
      helpFooter({
        examples: ['callconform drift HEAD~3:specs specs', 'callconform drift HEAD~3:specs/sources/graph-v1.0/metadata.xml specs/sources/graph-v1.0/metadata.xml', 'callconform drift main:docs/api/call-update.md docs/api/call-update.md --profile graph-beta --format markdown'],
        exitCodes: { 0: 'no change of the --fail-on class', 1: 'a change of the --fail-on class (default: a breaking change)', 2: USAGE_ERROR },
      }),
    )
    .action(async (oldArg: string, newArg: string, opts: { format: string; failOn: string; profile?: string }) => {
      const format = choice('--format', opts.format, FORMATS);
      const failOn = choice('--fail-on', opts.failOn, FAIL_ON);
      const [{ diffSpecs, driftExitCode }, { driftReport, formatReport }, { disposeInput, knownProfiles, loadSides, resolveInput }, { profileOf }] = await Promise.all([
        import('../../drift/diff.js'),
        import('../../drift/format.js'),
        import('../../drift/inputs.js'),
        import('../../extract/index.js'),
      ]);
      const only = (input: DriftInput): string | undefined => onlyProfile(input, knownProfiles);
      const inputs: DriftInput[] = [];
      try {
        const oldInput = resolveInput(oldArg);
        inputs.push(oldInput);
        const newInput = resolveInput(newArg);
        inputs.push(newInput);
        // Pages outside sources/<profile>/ take the other side's profile; when neither side names
        // one, both take the old page's (so two loose copies of a page compare with each other).
        const first = oldInput.pageFiles[0] ?? oldInput.metadataFile;
        const shared = first !== undefined ? profileOf(first) : undefined;
        const oldFallback = only(newInput) ?? only(oldInput) ?? shared;
        const newFallback = only(oldInput) ?? only(newInput) ?? shared;
        const sides = loadSides(oldInput, newInput, { old: { forced: opts.profile, fallback: oldFallback }, new: { forced: opts.profile, fallback: newFallback } });
        const changes = diffSpecs(sides.old, sides.new, undefined, sides.compared);
        process.stdout.write(formatReport(driftReport(oldArg, newArg, changes, failOn, program.version() ?? '0.0.0'), format));
        setExit(driftExitCode(changes, failOn));
      } finally {
        for (const input of inputs) disposeInput(input);
      }
    });
};
