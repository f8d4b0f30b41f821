/** The identity audit (issue 14, item 7) on small fixtures: one case of each kind, open or resolved. */
import { describe, expect, it } from 'vitest';
import type { AliasEntry } from '../domain/identity.ts';
import { agencyKey } from '../normalize/agency-name.ts';
import { type AuditAgreement, type AuditInput, identityAudit, nearNames, unplaced } from './audit.ts';

const ICE = 'https://www.ice.gov/doclib/287gMOA';
const agr = (
  id: string,
  agencyId: string,
  name: string,
  more: Partial<AuditAgreement> = {},
): AuditAgreement => ({
  agreementId: id,
  agencyId,
  state: 'FL',
  name,
  model: 'TFM',
  status: 'active',
  signed: '2025-04-01',
  signedRule: 'serial',
  firstParticipating: '2025-04-10',
  moaUrl: `${ICE}/${id}.pdf`,
  addendumUrl: null,
  ...more,
});
const pub = (id: number, date: string, agencies: [string, string][], kind = 'participating') => ({
  id,
  date,
  kind,
  agencies: agencies.map(([a, n]): [string, string, string] => [a, 'FL', n]),
  duplicates: [],
});
const place = (agencyId: string, name: string, placeName: string | null, method = 'rule') => ({
  agencyId,
  state: 'FL',
  name,
  method,
  reason: method === 'unplaced' ? `no FBI city named "${name}"` : null,
  level: 'municipal',
  place: placeName,
  countyFips: placeName ? ['12009'] : [],
});

function world(aliases: AliasEntry[] = []): AuditInput {
  return {
    agreements: [
      agr('agr-a', 'agy-a', 'Pembroke Police Department', { status: 'removed' }),
      agr('agr-b', 'agy-b', 'Pembroke Pines Police Department', {
        signed: '2025-04-14',
        firstParticipating: '2025-05-01',
      }),
      agr('agr-c', 'agy-c', 'Sebastian Police Department', { moaUrl: `${ICE}/agr-d.pdf` }),
      agr('agr-d', 'agy-d', 'Satellite Beach Police Department', {
        signed: '2025-06-05',
        firstParticipating: '2025-06-10',
      }),
      agr('agr-e', 'agy-e', 'Franklin County Sheriff Office', { signed: '2025-11-06' }),
    ],
    events: [
      { date: '2025-05-01', kind: 'removed', agreementId: 'agr-a' },
      { date: '2025-05-01', kind: 'added', agreementId: 'agr-b' },
    ],
    publications: [
      pub(1, '2025-04-10', [
        ['agy-a', 'Pembroke Police Department'],
        ['agy-w', 'Waller County Sheriff Office'],
        ['agy-k', 'Walker County Sheriff Office'],
        ['agy-m', 'Melbourne Police Department'],
        ['agy-n', 'Melbourne Beach Police Department'],
        ['agy-t', 'Typo Cuonty Sheriff Office'],
      ]),
      {
        ...pub(2, '2025-05-01', [
          ['agy-b', 'Pembroke Pines Police Department'],
          ['agy-w', 'Waller County Sheriff Office'],
          ['agy-k', 'Walker County Sheriff Office'],
          ['agy-m', 'Melbourne Police Department'],
          ['agy-n', 'Melbourne Beach Police Department'],
        ]),
        duplicates: [{ row: 9, agencyId: 'agy-b', name: 'Pembroke Pines PD', agreementId: 'agr-b' }],
      },
      pub(3, '2025-05-02', [['agy-new', 'New Town Police Department']]),
    ],
    placements: [
      place('agy-m', 'Melbourne Police Department', 'Melbourne'),
      place('agy-n', 'Melbourne Beach Police Department', 'Melbourne Beach'),
      place('agy-x', 'Heritage Creek Police Department', null, 'unplaced'),
    ],
    aliases,
  };
}

const byKind = (entries: ReturnType<typeof identityAudit>, kind: string) =>
  entries.filter((e) => e.kind === kind);

describe('the identity audit', () => {
  const entries = identityAudit(world());

  it('lists a removal beside an addition with a near name, open with its reason', () => {
    const [e, ...rest] = byKind(entries, 'removal-and-addition');
    expect(rest).toEqual([]);
    expect(e?.subjects).toEqual(['agr-a', 'agr-b']);
    expect(e?.evidence).toContain('2025-05-01: "Pembroke Police Department"');
    expect([e?.resolvedBy, e?.reason]).toEqual([
      null,
      'only the names are near: a name proves nothing without a document or signed date',
    ]);
  });

  it('lists a removal where a duplicate row of another agreement first appears, open with why no rule can merge', () => {
    // FWC's TFM on 2025-07-15 in the pack: its row came back labelled as FDEP's, printing FDEP's MOA.
    const base = world();
    const input: AuditInput = {
      ...base,
      agreements: [
        ...base.agreements,
        agr('agr-f', 'agy-f', 'Fish and Wildlife Commission', { status: 'active', signed: '2025-02-14' }),
        agr('agr-g', 'agy-g', 'Environmental Protection Division', { signed: '2025-04-24' }),
      ],
      events: [
        ...base.events,
        { date: '2025-07-15', kind: 'removed', agreementId: 'agr-f' },
        { date: '2025-07-23', kind: 'returned', agreementId: 'agr-f' },
      ],
      publications: [
        ...base.publications,
        {
          ...pub(4, '2025-07-15', [['agy-g', 'Environmental Protection Division']]),
          duplicates: [
            {
              row: 4,
              agencyId: 'agy-g',
              name: 'Environmental Protection Division, Law',
              agreementId: 'agr-g',
            },
          ],
        },
        {
          ...pub(5, '2025-07-16', [['agy-g', 'Environmental Protection Division']]),
          duplicates: [
            {
              row: 4,
              agencyId: 'agy-g',
              name: 'Environmental Protection Division, Law',
              agreementId: 'agr-g',
            },
          ],
        },
      ],
    };
    const found = byKind(identityAudit(input), 'removal-and-addition').filter(
      (e) => e.subjects[0] === 'agr-f',
    );
    expect(found.map((e) => [e.subjects, e.resolvedBy])).toEqual([[['agr-f', 'agr-g'], null]]);
    expect(found[0]?.evidence).toBe(
      '2025-07-15: "Fish and Wildlife Commission" (TFM, signed 2025-02-14) removed while "Environmental Protection Division, Law" first appears as a duplicate row of "Environmental Protection Division" (signed 2025-04-24)',
    );
    expect(found[0]?.reason).toContain(
      'counted once as a duplicate of "Environmental Protection Division" (the duplicate-row rule',
    );
    expect(found[0]?.reason).toContain('one agreement per agency and model at a time');
    expect(found[0]?.reason).not.toContain('own rows printed');
    // With the documents each agreement's rows printed: the removed one printed the other's MOA too.
    const withDocs = identityAudit({
      ...input,
      documents: [
        {
          agreementId: 'agr-f',
          document: 'agr-g.pdf',
          signed: ['2025-02-14'],
          first: '2025-06-27',
          last: '2025-07-14',
          lists: 10,
        },
      ],
    }).find((e) => e.kind === 'removal-and-addition' && e.subjects[0] === 'agr-f');
    expect(withDocs?.reason).toContain(
      '"Fish and Wildlife Commission"\'s own rows printed agr-g.pdf too (2025-06-27 to 2025-07-14), so the document cannot tell them apart',
    );
  });

  it('lists near names side by side; placed apart is resolved by rule, a reviewed verdict by the file', () => {
    const near = byKind(entries, 'near-duplicate-names');
    expect(near.map((e) => [e.subjects.join(' '), e.resolvedBy])).toEqual([
      ['agy-m agy-n', 'rule: placed in different jurisdictions (places Melbourne and Melbourne Beach)'],
      ['agy-k agy-w', null],
    ]);
    const key = (n: string) => ({ state: 'FL', key: agencyKey(n, 'FL') });
    const reviewed = identityAudit(
      world([
        {
          verdict: 'distinct',
          a: key('Waller County Sheriff Office'),
          b: key('Walker County Sheriff Office'),
          evidence: 'two Texas counties',
        },
      ]),
    );
    expect(byKind(reviewed, 'near-duplicate-names')[1]?.resolvedBy).toBe(
      'reviewed: agency-aliases.csv (distinct)',
    );
  });

  it('lists a signed date later than the first listing', () => {
    expect(byKind(entries, 'signed-after-first-listing').map((e) => e.subjects)).toEqual([['agr-e']]);
  });

  it('lists agencies seen in one publication only, except on the latest list', () => {
    const once = byKind(entries, 'one-publication-only');
    expect(once.map((e) => [e.subjects[0], e.resolvedBy === null]).sort()).toEqual([
      ['agy-a', true],
      ['agy-b', true],
      ['agy-new', false],
      ['agy-t', true],
    ]);
  });

  it('lists a document linked by two agencies’ agreements, and duplicate rows resolved by rule', () => {
    expect(byKind(entries, 'shared-document').map((e) => e.subjects)).toEqual([['agr-c', 'agr-d']]);
    const dup = byKind(entries, 'duplicate-row');
    expect(dup.map((e) => [e.subjects, e.resolvedBy?.startsWith('rule:')])).toEqual([
      [['agy-b', 'agr-b'], true],
    ]);
  });

  it('lists unplaced agencies with the placement’s reason', () => {
    expect(byKind(entries, 'unplaced').map((e) => [e.subjects[0], e.reason])).toEqual([
      ['agy-x', 'no FBI city named "Heritage Creek Police Department"'],
    ]);
  });

  it('suggests a membership entry, not an override, for an unplaced body serving several counties', () => {
    const body = (agencyId: string, name: string, level: string, pattern: string | null) => ({
      ...place(agencyId, name, null, 'unplaced'),
      level,
      inputs: { name, parsed: { level, pattern } },
    });
    const input: AuditInput = {
      ...world(),
      placements: [
        body('agy-j', 'Northern Neck Regional Jail', 'multi-county', 'regional-jail'),
        body(
          'agy-k',
          'Office of the State Attorney, 9th Judicial Circuit',
          'multi-county',
          'judicial-circuit',
        ),
        body('agy-t', 'Tri-County Drug Task Force', 'multi-county', 'multi-county-task-force'),
        body('agy-m', 'Heritage Creek Police Department', 'municipal', null),
      ],
    };
    const fixes = unplaced(input).map((e) => [
      e.subjects[0],
      /multi-county-members\.csv/.test(e.suggestion),
      /^a row in src\/reference\/geography-overrides\.csv/.test(e.suggestion),
      /kind ([a-z-]+)/.exec(e.suggestion)?.[1] ?? null,
    ]);
    expect(fixes).toEqual([
      ['agy-j', true, false, 'regional-jail'],
      ['agy-k', true, false, 'judicial-circuit'],
      ['agy-t', true, false, 'multi-county-task-force'],
      ['agy-m', false, true, null],
    ]);
  });

  it('compares only the words two names do not share', () => {
    expect(nearNames("Clarke County Sheriff's Office", "Cherokee County Sheriff's Office", 'AL').near).toBe(
      false,
    );
    expect(nearNames("Berrian County Sheriff's Office", "Berrien County Sheriff's Office", 'MI').near).toBe(
      true,
    );
  });
});
