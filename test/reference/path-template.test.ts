/**
 * Which documented template answers a path when several match it: the most specific, segment by
 * segment from the left (a literal before a placeholder with text around it before a bare one),
 * as routers rank static routes over parameters. From graph-full: administrativeunit-list-members.md
 * (`…/members/$ref` beside `…/members/{member-id}`) and directoryrole-get.md (`roleTemplateId={roleTemplateId}`
 * beside `{role-id}`).
 */
import { describe, expect, it } from 'vitest';
import { matchTemplate, mostSpecific, parseTemplate, specificity } from '../../src/reference/path-template.js';

const templates = ['/directory/administrativeUnits/{id}/members/{member-id}', '/directory/administrativeUnits/{id}/members/$ref', '/directoryRoles/{role-id}', '/directoryRoles/roleTemplateId={roleTemplateId}'].map(parseTemplate);

function answering(path: string): string[] {
  const segments = path.split('/').filter(Boolean);
  return mostSpecific(
    templates.filter((t) => matchTemplate(t, segments)),
    (t) => t,
  ).map((t) => t.template);
}

describe('the most specific template answers', () => {
  it('a literal segment over a placeholder', () => {
    expect(answering('/directory/administrativeUnits/u1/members/$ref')).toEqual(['/directory/administrativeUnits/{id}/members/$ref']);
    expect(answering('/directory/administrativeUnits/u1/members/m1')).toEqual(['/directory/administrativeUnits/{id}/members/{member-id}']);
  });

  it('a placeholder with literal text around it over a bare one', () => {
    expect(answering('/directoryRoles/roleTemplateId=t1')).toEqual(['/directoryRoles/roleTemplateId={roleTemplateId}']);
    expect(answering('/directoryRoles/r1')).toEqual(['/directoryRoles/{role-id}']);
    expect(specificity(parseTemplate('/a/{b}/c={d}'))).toEqual([2, 0, 1]);
  });

  it('ties are all kept, in order', () => {
    const same = [parseTemplate('/calls/{id}'), parseTemplate('/calls/{callId}')];
    expect(mostSpecific(same, (t) => t)).toEqual(same);
  });
});
