/**
 * Coverage recomputed by a second, simple path: for random placements, agreements and populations, the totals
 * of coverageOn must equal a direct count written here without the per-county figures.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { County, Population } from '../domain/geography.ts';
import { type AgreementSpan, countyFiguresOn, coverageOn, type PlacementLite } from './figures.ts';

const COUNTIES: County[] = [
  { fips: '01001', state: 'AL', name: 'Autauga', city: false },
  { fips: '01003', state: 'AL', name: 'Baldwin', city: false },
  { fips: '12001', state: 'FL', name: 'Alachua', city: false },
  { fips: '12031', state: 'FL', name: 'Duval', city: false },
  { fips: '51760', state: 'VA', name: 'Richmond', city: true },
  { fips: '51159', state: 'VA', name: 'Richmond', city: false },
];
const DATES = ['2025-01-01', '2025-03-01', '2025-06-01', '2025-09-01', '2026-01-01'];

const placement = fc.record({
  state: fc.constantFrom('AL', 'FL', 'VA'),
  level: fc.constantFrom('county', 'municipal', 'state', 'district') as fc.Arbitrary<PlacementLite['level']>,
  role: fc.constantFrom('sheriff', 'jail', 'police', 'government'),
  n: fc.integer({ min: 0, max: 2 }),
});

const world = fc.record({
  places: fc.array(placement, { minLength: 1, maxLength: 12 }),
  agreements: fc.array(
    fc.record({
      agency: fc.nat(),
      model: fc.constantFrom('JEM', 'WSO', 'TFM') as fc.Arbitrary<AgreementSpan['model']>,
      from: fc.integer({ min: 0, max: 4 }),
      len: fc.integer({ min: 0, max: 4 }),
      open: fc.boolean(),
      list: fc.constantFrom('participating', 'participating', 'pending'),
    }),
    { maxLength: 25 },
  ),
  pops: fc.array(fc.option(fc.integer({ min: 0, max: 1_000_000 }), { nil: null }), {
    minLength: COUNTIES.length,
    maxLength: COUNTIES.length,
  }),
  on: fc.constantFrom(...DATES, '2025-04-15'),
});

describe('coverageOn', () => {
  it('matches a direct count (second path) for any world', () => {
    fc.assert(
      fc.property(world, (w) => {
        const placements: PlacementLite[] = w.places.map((p, i) => {
          const inState = COUNTIES.filter((c) => c.state === p.state);
          return {
            agencyId: `agy-${i}`,
            state: p.state,
            level: p.level,
            role: p.role,
            countyFips: p.level === 'state' ? [] : inState.slice(0, p.n).map((c) => c.fips),
          };
        });
        const agreements: AgreementSpan[] = w.agreements.map((a) => ({
          agencyId: `agy-${a.agency % placements.length}`,
          model: a.model,
          intervals: [
            {
              list: a.list,
              from: DATES[a.from] as string,
              to: a.open ? null : (DATES[Math.min(4, a.from + a.len)] as string),
              open: a.open,
            },
          ],
        }));
        const population = new Map<string, Population>();
        COUNTIES.forEach((c, i) => {
          const t = w.pops[i];
          if (t !== null && t !== undefined)
            population.set(c.fips, {
              total: t,
              hispanic: Math.floor(t / 5),
              blackNonHispanic: 0,
              whiteNonHispanic: 0,
            });
        });
        const figs = countyFiguresOn(w.on, COUNTIES, placements, agreements, population);
        const state = new Map(placements.map((p) => [p.agencyId, p.state]));
        const cov = coverageOn(w.on, figs, agreements, state, []);

        // Second path: straight from the inputs.
        const live = agreements.filter((a) =>
          a.intervals.some(
            (i) =>
              i.list === 'participating' && i.from <= w.on && (i.open || (i.to !== null && i.to >= w.on)),
          ),
        );
        const sheriffFips = new Set<string>();
        const anyFips = new Set<string>();
        for (const a of live) {
          const p = placements.find((x) => x.agencyId === a.agencyId);
          for (const f of p?.countyFips ?? []) {
            anyFips.add(f);
            if (p?.level === 'county' && (p.role === 'sheriff' || p.role === 'jail')) sheriffFips.add(f);
          }
        }
        const residents = (s: Set<string>) => [...s].reduce((n, f) => n + (population.get(f)?.total ?? 0), 0);
        const hispanic = (s: Set<string>) =>
          [...s].reduce((n, f) => n + (population.get(f)?.hispanic ?? 0), 0);
        expect(cov.national.sheriffCounties).toEqual({
          counties: sheriffFips.size,
          residents: residents(sheriffFips),
          hispanic: hispanic(sheriffFips),
        });
        expect(cov.national.anyAgreementCounties).toEqual({
          counties: anyFips.size,
          residents: residents(anyFips),
          hispanic: hispanic(anyFips),
        });
        expect(cov.national.agreements.total).toBe(live.length);
        for (const m of ['JEM', 'WSO', 'TFM'] as const)
          expect(cov.national.agreements[m]).toBe(live.filter((a) => a.model === m).length);
        // States add up to the nation.
        const sumStates = cov.states.reduce((n, s) => n + s.sheriffCounties.residents, 0);
        expect(sumStates).toBe(cov.national.sheriffCounties.residents);
        expect(cov.national.countiesWithoutPopulation).toBe(
          [...anyFips].filter((f) => !population.has(f)).length,
        );
      }),
      { numRuns: 400 },
    );
  });
});
