/**
 * `todo-placeholder`: an authoring placeholder (`TODO`, `TBD`, `FIXME`) left in the published
 * text — a heading, a paragraph or a table cell. Code samples are not checked: a TODO comment in
 * sample code is part of the sample.
 */
import { ruleFinding } from '../../extract/findings.js';
import type { Page } from '../../extract/page-model.js';
import type { Finding } from '../../spec/finding.js';
import { locate, type LintRule } from '../rule.js';
import { slug } from '../../extract/findings.js';

const PLACEHOLDER = /\b(TODO|TBD|FIXME)\b[:\s]*([^.|]*)/;

interface Place {
  /** Human wording: `the "Permissions" table (row "Application")`. */
  where: string;
  /** Stable subject: `permissions/application`. */
  key: string;
}

export const todoPlaceholder: LintRule = {
  id: 'todo-placeholder',
  severity: 'warning',
  description: 'An authoring placeholder (TODO, TBD, FIXME) was published in the page text instead of the information it stands for.',
  check(page: Page) {
    const out: Finding[] = [];
    const report = (text: string, line: number, place: Place): void => {
      const m = PLACEHOLDER.exec(text);
      if (!m) return;
      const rest = m[2]?.replace(/[*_`]+/g, ' ').replace(/\s+/g, ' ').trim();
      const said = `${m[1]}${rest ? `: ${rest}` : ''}`;
      out.push(
        ruleFinding(todoPlaceholder, `placeholder "${said}" published in ${place.where}; the page does not give the information it stands for`, { file: page.file, line }, {
          subject: place.key,
          data: { placeholder: said, ...locate(page.rawLines[line - 1], m[1]!) },
        }),
      );
    };
    let section = 'page';
    for (const block of page.blocks) {
      if (block.kind === 'heading') section = block.text;
      if (block.kind === 'heading') report(block.text, block.line, { where: `the heading "${block.text}"`, key: slug(section) });
      else if (block.kind === 'paragraph') report(block.text, block.line, { where: `the "${section}" section`, key: slug(section) });
      else if (block.kind === 'table') {
        for (const row of block.rows) {
          const rowName = row[0]?.text.trim() ?? '';
          for (const cell of row) {
            report(cell.text, cell.line, { where: `the "${section}" table, row "${rowName}"`, key: `${slug(section)}/${slug(rowName)}` });
          }
        }
      }
    }
    return out;
  },
};
