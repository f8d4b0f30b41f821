/**
 * Before/after designs on a synthetic multi-agency world: a sheriff's office signs an agreement (in the ledger's
 * agreements table) and the Hispanic share of its stops shifts by a planted log-odds; the design finds the
 * effect inside its randomization interval, records its comparison set before reading outcomes and reuses it,
 * excludes agencies that also hold agreements, and the spillover design maps counties by name.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBeforeAfter } from '../../src/analyze/before-after.ts';
import { chooseSpilloverDesign, countyFipsOf } from '../../src/analyze/before-after-design.ts';
import { ingestStops } from '../../src/analyze/ingest-stops.ts';
import { loadAgreementRegistry } from '../../src/store/agreement-registry.ts';
import { HARTFORD_LIKE, stopsCsv } from '../fixtures/stops.ts';
import { type StopsHarness, stopsHarness } from '../support/stops.ts';

async function addAgreement(h: StopsHarness, id: string, agency: string, name: string, signed: string) {
  const db = h.deps.ledger.db;
  const run = await db
    .insertInto('runs')
    .values({ command: 'test', started_at: '2026-01-01T00:00:00Z' })
    .returning('run_id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('agencies')
    .values({
      agency_id: agency,
      state: 'CT',
      name_key: name.toLowerCase(),
      first_name: name,
      first_seen: signed,
      merged_into: null,
      run_id: run.run_id,
    })
    .execute();
  await db
    .insertInto('agreements')
    .values({
      agreement_id: id,
      agency_id: agency,
      model: 'JEM',
      status: 'active',
      state: 'CT',
      name,
      first_listed: signed,
      last_listed: null,
      first_publication: 1,
      last_publication: null,
      first_pending: null,
      first_participating: signed,
      signed_published: signed,
      signed,
      signed_rule: null,
      days_pending_to_signed: null,
      moa_url: null,
      addendum_url: null,
      secondary_only: false,
      supersedes: null,
      superseded_by: null,
      intervals: JSON.stringify([]),
      signed_history: JSON.stringify([]),
    })
    .execute();
}

describe('before/after 287(g) designs', () => {
  let h: StopsHarness;
  const departments = [
    { name: 'Testville County Sheriff', shift: { fromMonth: '2015-01', hispanic: 0.6 } },
    ...Array.from({ length: 9 }, (_, i) => ({ name: `Town ${i + 1} Police Department` })),
    { name: 'Elsewhere Police Department' },
  ];
  beforeAll(async () => {
    h = await stopsHarness();
    await addAgreement(h, 'agr-sheriff', 'agy-sheriff', 'Testville County Sheriff', '2015-01-15');
    await addAgreement(h, 'agr-elsewhere', 'agy-elsewhere', 'Elsewhere Police Department', '2015-06-01');
    const world = {
      ...HARTFORD_LIKE,
      start: '2013-01-01',
      days: 1095,
      stopsPerDay: 110,
      departments,
      seed: 23,
    };
    await ingestStops(h.deps, {
      file: h.file('ct_statewide_2020_04_01.csv', stopsCsv(world)),
      name: 'multi',
    });
  }, 120_000);
  afterAll(async () => h.close());

  it('the registry is read in one call from agreements and placements', async () => {
    const reg = await loadAgreementRegistry(h.deps.ledger.db, { state: 'CT' });
    expect(reg.map((r) => [r.agreementId, r.signed])).toEqual([
      ['agr-elsewhere', '2015-06-01'],
      ['agr-sheriff', '2015-01-15'],
    ]);
  });

  it('DiD recovers the planted shift inside its randomization interval, with the comparison set recorded', async () => {
    const [hisp, black] = await runBeforeAfter(h.deps, 'multi', {
      design: 'did',
      treated: 'Testville County Sheriff',
      agreement: 'agr-sheriff',
    });
    const r = hisp?.result;
    expect(r?.status).toBe('reported');
    expect(r?.effect.ciMethod).toBe('randomization');
    const [lo, hi] = (r?.effect.ci ?? [Number.NaN, Number.NaN]) as [number, number];
    expect(lo).toBeLessThan(0.6);
    expect(hi).toBeGreaterThan(0.6);
    expect(r?.n.byGroup.treated_units).toBe(1);
    expect(hisp?.tables.comparison).toHaveLength(9);
    expect(String(r?.diagnostics.rationale)).toMatch(
      /excluded for an agreement: Elsewhere Police Department \(agr-elsewhere\)/,
    );
    expect(r?.diagnostics.comparison_reused).toBe(false);
    expect(black?.result.contrast.group).toBe('black');
    expect(r?.caveats.some((c) => c.id === 'avoidance')).toBe(true);
  }, 120_000);

  it('the same design again reuses the recorded comparison set', async () => {
    const [again] = await runBeforeAfter(h.deps, 'multi', {
      design: 'did',
      treated: 'Testville County Sheriff',
      agreement: 'agr-sheriff',
    });
    expect(again?.result.diagnostics.comparison_reused).toBe(true);
  }, 120_000);

  it('event study: coefficients around signing and the lead test as a gate', async () => {
    const [hisp] = await runBeforeAfter(h.deps, 'multi', {
      design: 'event',
      treated: 'Testville County Sheriff',
      agreement: 'agr-sheriff',
    });
    const table = hisp?.tables.event_study as { k: number; beta: number }[];
    expect(table.map((e) => e.k)).toContain(-12);
    expect(table.map((e) => e.k)).not.toContain(-1);
    expect(hisp?.result.gates.find((g) => g.id === 'parallel_trends')?.reason).toMatch(
      /joint Wald test of the leads/,
    );
    const after = table.filter((e) => e.k >= 0).map((e) => e.beta);
    expect(Math.abs(after.reduce((s, v) => s + v, 0) / after.length - 0.6)).toBeLessThan(0.25);
  }, 120_000);

  it('refuses a treated unit the dataset does not have', async () => {
    await expect(
      runBeforeAfter(h.deps, 'multi', { design: 'did', treated: 'Nowhere PD', agreement: 'agr-sheriff' }),
    ).rejects.toThrow(/no department_name "Nowhere PD"/);
  });

  it('spillover: counties matched by name, treated where the sheriff signed, controls without any agreement', () => {
    const counties = [
      { fips: '09001', name: 'Fairfield County' },
      { fips: '09003', name: 'Hartford County' },
      { fips: '09005', name: 'Litchfield County' },
    ];
    expect(countyFipsOf('HARTFORD', counties)).toBe('09003');
    const units = ['Fairfield', 'Hartford County', 'Litchfield', 'Atlantis'].map((unit) => ({
      unit,
      first: '2013-01',
      last: '2016-12',
      months: 48,
    }));
    const registry = [
      {
        agreementId: 'a1',
        agencyId: 'x',
        agencyName: 'Hartford County Sheriff',
        state: 'CT',
        countyFips: ['09003'],
        signed: '2015-02-01',
        model: 'JEM',
        status: 'active',
        level: 'county',
        role: 'sheriff',
      },
      {
        agreementId: 'a2',
        agencyId: 'y',
        agencyName: 'Litchfield Police',
        state: 'CT',
        countyFips: ['09005'],
        signed: '2014-02-01',
        model: 'TFM',
        status: 'active',
        level: 'municipal',
        role: 'police',
      },
    ];
    const set = chooseSpilloverDesign(units, registry, counties);
    expect(set.treated).toEqual([{ unit: 'Hartford County', agreementId: 'a1', signed: '2015-02-01' }]);
    expect(set.controls).toEqual(['Fairfield']);
    expect(set.rationale).toMatch(/names not matched to a county: Atlantis/);
  });
});
