/**
 * Identity over the real lists (issue 14, items 2 and 3): re-signings are new agreements, not date corrections, and
 * supersede only with continuity; names that are forms of one name are one agency. Named cases: Franklin County AL's
 * TFM, Bradley County TN's JEM, Walworth County WI's WSO (its 2025 MOA link kept), Butler County OH's 2020 JEM
 * (removed in 2021, not superseded across four years). With REASSESS_DATA set the pack must be there (a missing
 * file fails); without it, generated worlds of the same patterns (test/fixtures/identity-world.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { AgreementOut } from '../../src/domain/agreement.ts';
import { mintAgreementId } from '../../src/domain/ids.ts';
import type { PubIn } from '../../src/history/types.ts';
import {
  resignAfterLapse,
  resignInsideGrace,
  standInThenDocument,
  twoSpellings,
  typoRun,
} from '../fixtures/identity-world.ts';
import { type WorldList, worldPubs } from '../fixtures/relabel-world.ts';
import { countIdentity, type IdentityCount } from '../support/identity-metric.ts';
import { packDir } from '../support/pack.ts';
import { packPubs } from '../support/pack-pubs.ts';

const NOW = '2026-06-01T12:00:00.000Z';
const real = packDir() !== null;

/** The generated worlds side by side, one list per date (each world's rows are of its own state). */
function generatedPubs(): PubIn[] {
  const worlds = [resignAfterLapse(), resignInsideGrace(), typoRun(), twoSpellings()];
  const dates = [...new Set(worlds.flatMap((w) => w.map((l) => l.date)))].sort();
  const lists: WorldList[] = dates.map((date) => {
    const rows = worlds.flatMap((w, k) => {
      const l = w.find((x) => x.date === date) ?? w[w.length - 1];
      return (l?.rows ?? []).filter((r) => k === 0 || !r.agency.startsWith('Steady '));
    });
    return { date, rows };
  });
  return worldPubs(lists);
}

const doc = (a: AgreementOut | undefined) =>
  a?.moaUrl?.slice(a.moaUrl.lastIndexOf('/') + 1).toLowerCase() ?? null;

describe(`identity in the ${real ? 'real' : 'generated'} lists`, () => {
  let count: IdentityCount;
  const of = (state: string, name: string, model: string) =>
    count.agreementList
      .filter((a) => a.state === state && a.name === name && a.model === model)
      .sort((a, b) => (a.firstListed < b.firstListed ? -1 : 1));
  const eventsOf = (a: AgreementOut | undefined) =>
    count.events.filter((e) => e.agreementId === a?.agreementId).map((e) => [e.date, e.kind]);
  beforeAll(() => {
    count = countIdentity(real ? packPubs() : generatedPubs(), NOW);
  }, 600_000);

  it('names, on every row and event, only agreements that exist', () => {
    expect(count.missingAgreements).toEqual([]);
  });

  it('merges no agreements across documents with different signed dates, and corrects no date across documents', () => {
    expect(count.mergedAcrossDocuments).toEqual([]);
    expect(count.correctionsAcrossDocuments).toBe(0);
  });

  it('makes a new agreement when an agreement is signed again after it left the list (Franklin County AL TFM)', () => {
    const [old, now] = of('AL', "Franklin County Sheriff's Office", 'TFM');
    expect([old?.status, old?.signed, old?.supersededBy, now?.status, now?.signed, now?.supersedes]).toEqual([
      'removed',
      '2025-03-25',
      null,
      'active',
      '2025-11-06',
      null,
    ]);
    expect([doc(old), doc(now)]).toEqual([
      'franklincoal_tfm_moa_031825.pdf',
      'franklincosheriffsofficeal_tfm_moa_1162025.pdf',
    ]);
    expect(eventsOf(old)).toContainEqual([real ? '2025-08-04' : '2026-02-02', 'removed']);
    expect(eventsOf(now).some(([, k]) => k === 'signed-date-changed' || k === 'returned')).toBe(false);
  });

  it('keeps separate signings of Bradley County TN JEM apart', () => {
    const list = of('TN', "Bradley County Sheriff's Office", 'JEM');
    expect(list.map((a) => a.signed)).toEqual(['2025-06-03', '2025-12-09']);
    expect(list.map(doc)).toEqual([
      'bradleycosheriffsofficetn_jem_moa_06.03.2025.pdf',
      'bradleycosheriffsofficetn_jem_moa_12092025.pdf',
    ]);
  });

  it('signs the County Attorney TFM of Pinal County AZ under the stand-in label, then renames it with its MOA', () => {
    // Generated: the same rows alone (test/fixtures/identity-world.ts, standInThenDocument), on weekly dates.
    const c = real ? count : countIdentity(worldPubs(standInThenDocument()), NOW);
    const tfm = c.agreementList.filter((a) => a.state === 'AZ' && /^Pinal/.test(a.name) && a.model === 'TFM');
    expect(tfm.map((a) => [a.name, a.status, a.signed, doc(a)])).toEqual([
      ["Pinal County Attorney's Office", 'active', '2025-08-28', 'pinalcountyaoaz_tfm_moa_08282025.pdf'],
    ]);
    const events = c.events
      .filter((e) => e.agreementId === tfm[0]?.agreementId && e.list === 'participating')
      .map((e) => [e.kind, e.details.evidence ?? null, e.details.from ?? null]);
    expect(events).toEqual([
      ['pending-to-signed', null, null],
      ['renamed', 'stand-in', "Pinal County Sheriff's Office"],
    ]);
    // Its rows under the stand-in label name it too: no row of any list names an agreement that does not exist.
    expect(c.missingAgreements).toEqual([]);
    // The stand-in's own ID (on lists published before its document arrived) is retired, resolving to it.
    const sheriff = c.events.find((e) => e.agreementId === tfm[0]?.agreementId && e.kind === 'renamed')
      ?.details.fromAgency;
    expect(c.retired.map((r) => [r.agreementId, r.into, r.kind, r.date])).toEqual([
      [
        mintAgreementId(String(sheriff), 'TFM', 0),
        tfm[0]?.agreementId,
        'absorbed',
        real ? '2025-09-09' : expect.any(String),
      ],
    ]);
    if (real)
      expect(tfm[0]?.intervals.map((i) => [i.list, i.from])).toEqual([
        ['pending', '2025-08-20'],
        ['participating', '2025-08-29'],
      ]);
  });

  if (real) {
    it('keeps the 2025 MOA of Walworth County WI WSO on its own agreement', () => {
      const [old, now] = of('WI', "Walworth County Sheriff's Office", 'WSO');
      expect([old?.status, old?.signed, doc(old)]).toEqual([
        'removed',
        '2025-06-12',
        'walworthcosheriffsofficewi_wso_moa_06122025.pdf',
      ]);
      expect([now?.status, now?.signed, now?.supersedes]).toEqual(['active', '2026-02-17', null]);
    });

    it('removes Butler County OH 2020 JEM where it vanished (2021), not superseded across the gap', () => {
      const [old, now] = of('OH', "Butler County Sheriff's Office", 'JEM');
      expect([old?.status, old?.signed, old?.supersededBy, now?.supersedes, now?.signed]).toEqual([
        'removed',
        '2020-06-09',
        null,
        null,
        '2025-02-24',
      ]);
      expect(eventsOf(old)).toEqual([['2021-06-30', 'removed']]);
    });

    it('counts (issue 14 note)', () => {
      expect({
        removed: count.removed,
        agreements: count.agreements,
        agencies: count.agencies,
        resigned: count.resigned,
        corrections: count.corrections,
        // With duplicate rows counted once too (FDEP's second row, issue 14): 143 -> 142 removals, 1,990 -> 1,989
        // agreements, 75 -> 74 corrections; Pinal's stand-in label absorbed (issue 14, item 3): 142 -> 141, 1,989 -> 1,988.
      }).toEqual({ removed: 141, agreements: 1988, agencies: 1641, resigned: 5, corrections: 74 });
    });
  } else
    it('reads the typo run and the two spellings as one agency each', () => {
      const names = count.agreementList.map((a) => a.name);
      expect(names.filter((n) => n.startsWith('Okfus'))).toEqual(["Okfuskee County Sheriff's Office"]);
      const walker = count.agreementList.filter((a) => a.name.startsWith('Walker'));
      expect(new Set(walker.map((a) => a.agencyId)).size).toBe(1);
      expect(count.events.filter((e) => e.kind === 'removed').length).toBe(1);
    });
});
