/**
 * Golden histories of the identity patterns (issue 14, items 2 and 3; builders in test/fixtures/identity-world.ts):
 * each world's agreements (status, signed date, listing, supersession), events and identity decisions, compared with
 * test/golden/identity-histories.json. A change to the rules that changes any of them shows here, to be reviewed.
 */
import { describe, expect, it } from 'vitest';
import { buildHistory } from '../../src/history/build.ts';
import { IDENTITY_WORLDS } from '../fixtures/identity-world.ts';
import { type WorldList, worldPubs } from '../fixtures/relabel-world.ts';
import { checkGolden } from '../support/golden.ts';

const GOLDEN_DIR = import.meta.dirname;

/** A world's history without its steady rows (state TX, `Steady …`). */
function compact(lists: WorldList[]) {
  const h = buildHistory({ pubs: worldPubs(lists), decisions: [], agencies: [], aliases: [], knownBad: [] });
  const mine = (name: string) => !name.startsWith('Steady ');
  const agreements = h.agreements.filter((a) => mine(a.name));
  const ids = new Set(agreements.map((a) => a.agreementId));
  const agencies = new Set(agreements.map((a) => a.agencyId));
  return {
    agreements: agreements.map((a) => ({
      id: a.agreementId,
      agency: a.agencyId,
      name: a.name,
      model: a.model,
      status: a.status,
      signed: a.signed,
      listed: a.intervals.map((i) => `${i.list} ${i.from}..${i.to}${i.open ? ' open' : ''}`),
      moa: a.moaUrl,
      supersedes: a.supersedes,
      supersededBy: a.supersededBy,
    })),
    events: h.events
      .filter((e) => (e.agreementId ? ids.has(e.agreementId) : agencies.has(e.agencyId)))
      .map((e) => ({ date: e.date, kind: e.kind, agreement: e.agreementId, details: e.details })),
    decisions: h.newDecisions
      .filter((d) => mine(d.name))
      .map((d) => ({ name: d.name, agency: d.agencyId, method: d.method, explanation: d.explanation })),
  };
}

describe('identity patterns (golden histories)', () => {
  const histories = Object.fromEntries(
    Object.entries(IDENTITY_WORLDS).map(([name, build]) => [name, compact(build())]),
  ) as Record<keyof typeof IDENTITY_WORLDS, ReturnType<typeof compact>>;

  it('match test/golden/identity-histories.json', () => {
    expect(checkGolden(GOLDEN_DIR, 'identity-histories', histories)).not.toBe('updated');
  });

  it('make a new agreement after a lapse, and remove the old one where it vanished', () => {
    const h = histories.resignAfterLapse;
    expect(h.agreements.map((a) => [a.status, a.signed, a.supersedes, a.supersededBy])).toEqual([
      ['removed', '2025-03-25', null, null],
      ['active', '2025-11-06', null, null],
    ]);
    expect(h.events.map((e) => e.kind)).toEqual(['removed', 'added']);
    // Each keeps its own MOA link (the old one's is not lost to the new signing).
    expect(h.agreements.map((a) => a.moa?.slice(a.moa.lastIndexOf('/') + 1))).toEqual([
      'franklincoal_tfm_moa_031825.pdf',
      'franklincosheriffsofficeal_tfm_moa_1162025.pdf',
    ]);
  });

  it('supersede inside the removal rule with a re-signed event naming both documents', () => {
    for (const h of [histories.resignInsideGrace, histories.resignWhileListed]) {
      expect(h.agreements.map((a) => a.status)).toEqual(['superseded', 'active']);
      const e = h.events.filter((x) => x.kind === 're-signed');
      expect(e).toHaveLength(1);
      expect(e[0]?.details.previousDocument).toBe('bradleycosheriffsofficetn_jem_moa_06.03.2025.pdf');
      expect(e[0]?.details.document).not.toBe(e[0]?.details.previousDocument);
      expect(h.events.some((x) => x.kind === 'removed' || x.kind === 'signed-date-changed')).toBe(false);
    }
    expect(histories.resignInsideGrace.events.find((x) => x.kind === 're-signed')?.details.evidence).toBe(
      'document',
    );
  });

  it('keep a correction on the same document', () => {
    const h = histories.correctionSameDocument;
    expect(h.agreements).toHaveLength(1);
    expect(h.events.map((e) => [e.kind, e.details.from, e.details.to])).toEqual([
      ['signed-date-changed', '2025-06-03', '2025-06-04'],
    ]);
  });

  it('read a typo, two spellings and an (Addendum) suffix as the same agency, with no removal and no hole', () => {
    for (const name of ['typoRun', 'twoSpellings', 'addendumSuffix'] as const) {
      const h = histories[name];
      expect(h.events.filter((e) => e.kind === 'removed' || e.kind === 'added')).toEqual([]);
      for (const a of h.agreements) expect(a.listed).toHaveLength(1);
    }
    const typo = histories.typoRun.decisions.find((d) => d.name.startsWith('Okfusfee'));
    expect(typo?.method).toBe('spelling');
    expect(typo?.explanation).toContain('same signed date');
    const walker = histories.twoSpellings.agreements.filter((a) => a.name.startsWith('Walker'));
    expect(new Set(walker.map((a) => a.agency)).size).toBe(1);
    const waller = histories.twoSpellings.agreements.find((a) => a.name.startsWith('Waller'));
    expect(waller?.agency).not.toBe(walker[0]?.agency);
    expect(histories.addendumSuffix.agreements.map((a) => a.name)).toEqual([
      "Monmouth County Sheriff's Office",
    ]);
  });

  it('link a pending agreement signed under a stand-in label to its own label when its document comes (Pinal)', () => {
    const h = histories.standInThenDocument;
    const tfm = h.agreements.filter((a) => a.model === 'TFM');
    expect(tfm.map((a) => [a.name, a.status, a.signed, a.listed])).toEqual([
      [
        "Pinal County Attorney's Office",
        'active',
        '2025-08-28',
        ['pending 2026-01-05..2026-01-19', 'participating 2026-01-26..2026-02-23 open'],
      ],
    ]);
    expect(h.events.map((e) => [e.date, e.kind, e.details.evidence ?? null])).toEqual([
      ['2026-01-26', 'pending-to-signed', null],
      ['2026-02-09', 'renamed', 'stand-in'],
    ]);
    expect(h.events[1]?.details).toMatchObject({
      from: "Pinal County Sheriff's Office",
      to: "Pinal County Attorney's Office",
      document: 'pinalcountyaoaz_tfm_moa_08282025.pdf',
    });
  });

  it('sign a pending agreement by its document first, then by name', () => {
    const h = histories.pendingSignedByDocument;
    const tfm = h.agreements.filter((a) => a.model === 'TFM');
    // The pending agreement follows its MOA to the label that prints it; the row of its own label without a link
    // is another agreement (a name alone does not take a pending agreement whose document another row prints).
    expect(tfm.map((a) => [a.name, a.listed[0], a.moa?.slice(a.moa.lastIndexOf('/') + 1) ?? null])).toEqual([
      [
        "Fixture County Sheriff's Office",
        'pending 2026-01-05..2026-01-19',
        'fixturecoao_tfm_moa_09022025.pdf',
      ],
      ["Fixture County Attorney's Office", 'participating 2026-01-26..2026-02-09 open', null],
    ]);
    const signed = h.events.find((e) => e.kind === 'pending-to-signed');
    const renamed = h.events.find((e) => e.kind === 'renamed');
    expect([signed?.agreement, renamed?.agreement]).toEqual([tfm[0]?.id, tfm[0]?.id]);
    expect(renamed?.details).toMatchObject({
      evidence: 'pending-document',
      to: "Fixture County Sheriff's Office",
    });
    expect(h.events.filter((e) => e.kind === 'removed')).toEqual([]);
  });
});
