/** The audit's agreements printed with two MOA file names under one signed date: resolved by rule, or open with why. */
import { describe, expect, it } from 'vitest';
import type { AuditAgreement, AuditDocumentUse } from './audit.ts';
import { fileDate, refiledDocuments } from './audit-refiled.ts';

const agr = (agreementId: string, name: string, model = 'TFM'): AuditAgreement => ({
  agreementId,
  agencyId: `agy-${agreementId}`,
  state: 'FL',
  name,
  model,
  status: 'active',
  signed: '2025-04-10',
  signedRule: 'serial',
  firstParticipating: '2025-04-20',
  moaUrl: null,
  addendumUrl: null,
});
const use = (
  agreementId: string,
  document: string,
  first: string,
  signed = ['2025-04-10'],
): AuditDocumentUse => ({
  agreementId,
  document,
  signed,
  first,
  last: first,
  lists: 1,
});

describe('refiled documents', () => {
  it('reads the date a file name is written with', () => {
    expect(
      [
        'x_jem_2020-06-09.pdf',
        'x_tfm_moa_02.26.2025.pdf',
        'x_tfm_04.14.25.pdf',
        'x_tfm_moa_02262025.pdf',
        'x_wso_moa_042925.pdf',
        '287gjem_x.pdf',
        'x_tfm_moa_13402025.pdf',
      ].map(fileDate),
    ).toEqual(['2020-06-09', '2025-02-26', '2025-04-14', '2025-02-26', '2025-04-29', null, null]);
  });

  it('resolves one MOA filed again, and leaves open another agency’s file, another model or a distant date', () => {
    const agreements = [
      agr('a', 'Heron Bay Police Department'),
      agr('b', 'Osprey Police Department'),
      agr('c', 'Kestrel County Sheriff’s Office'),
      agr('d', 'Plover County Sheriff’s Office', 'JEM'),
      agr('e', 'Egret Police Department'),
      agr('f', 'Ibis Police Department'),
    ];
    const uses = [
      use('a', 'heronbay_pd_fl_tfm_04.10.25.pdf', '2025-04-20'),
      use('a', 'heronbaypolicedeptfl_tfm_moa_04112025.pdf', '2025-06-01'),
      use('b', 'ospreypolicedeptfl_tfm_moa_04102025.pdf', '2025-04-20'),
      use('b', 'pelicanpolicedeptfl_tfm_moa_04102025.pdf', '2025-06-01'),
      use('c', 'kestrelcosc_wso_moa_04102025.pdf', '2025-04-20'),
      use('c', 'kestrelcosheriffsofficefl_tfm_moa_04102025.pdf', '2025-06-01'),
      use('d', 'plovercofl_jem_moa_04102025.pdf', '2025-04-20'),
      use('d', 'plovercofl_jem_moa_04052026.pdf', '2025-06-01'),
      // Two files under two signed dates: a re-signing, not this kind.
      use('e', 'egretpolicedeptfl_tfm_moa_04102025.pdf', '2025-04-20'),
      use('e', 'egretpolicedeptfl_tfm_moa_06012025.pdf', '2025-06-01', ['2025-06-01']),
      // One file only.
      use('f', 'ibispolicedeptfl_tfm_moa_04102025.pdf', '2025-04-20'),
    ];
    const entries = refiledDocuments(agreements, uses);
    expect(
      entries.map((e) => [e.subjects[1], e.resolvedBy?.startsWith('rule: one MOA filed again') ?? false]),
    ).toEqual([
      ['a', true],
      ['b', false],
      ['c', false],
      ['d', false],
    ]);
    expect(entries.map((e) => e.reason)).toEqual([
      null,
      expect.stringMatching(/pelicanpolicedeptfl_tfm_moa_04102025\.pdf does not name .*\(no "osprey"\)/),
      expect.stringMatching(/kestrelcosc_wso_moa_04102025\.pdf names the model WSO, not TFM/),
      expect.stringMatching(
        /plovercofl_jem_moa_04052026\.pdf is dated 2026-04-05, not within 3 days of .*2025-04-10/,
      ),
    ]);
    // The evidence names both files and the lists each was printed on.
    expect(entries[1]?.evidence).toMatch(
      /ospreypolicedeptfl_tfm_moa_04102025\.pdf on 1 list\(s\), 2025-04-20 to 2025-04-20; pelicanpolicedeptfl.*2025-06-01/,
    );
  });
});
