import { InputError } from '../../spec/errors.js';
import { helpFooter } from '../help.js';
import type { RegisterCommand } from './index.js';

const FORMATS = ['text', 'json'] as const;

export const registerDiffReports: RegisterCommand = (program, setExit) => {
  program
    .command('diff-reports')
    .summary('show what changed between two verify runs')
    .description(
      'Compare the report.json files of two verify runs check by check. Each check id is listed as regressed (it passed and now fails or errors), fixed (it failed and now passes), added, removed or changed; checks that still fail and unchanged checks are counted. ' +
        'OLD and NEW are a report.json file, a run folder that holds one, or a folder whose subfolders hold one per profile.',
    )
    .argument('<old>', 'the earlier run: report.json, or a folder of them')
    .argument('<new>', 'the later run: report.json, or a folder of them')
    .option('--format <format>', `${FORMATS.join(' or ')}`, 'text')
    .addHelpText(
      'after',
      helpFooter({
        examples: ['callconform diff-reports reports/20261201-101500-graph-v1.0 reports/20261202-101500-graph-v1.0'],
        exitCodes: { 0: 'nothing regressed', 1: 'a check newly fails or errors (or a new check fails)', 2: 'usage or input error: a file that is not a readable report.json, or a bad option' },
      }),
    )
    .action(async (oldPath: string, newPath: string, opts: { format: string }) => {
      if (!(FORMATS as readonly string[]).includes(opts.format)) throw new InputError(`"${opts.format}" is not one of ${FORMATS.join(', ')}`, { file: '--format' });
      const [{ readReports }, { diffReports, formatDiffText, hasRegressions, countByKind }] = await Promise.all([import('../../report/read-report.js'), import('../../report/diff-reports.js')]);
      const diff = diffReports(readReports(oldPath), readReports(newPath));
      process.stdout.write(opts.format === 'json' ? `${JSON.stringify({ counts: countByKind(diff), profiles: diff }, null, 2)}\n` : formatDiffText(diff));
      setExit(hasRegressions(diff) ? 1 : 0);
    });
};
