/**
 * Names as evidence (issue 14, item 3), as a property: renaming every agency of a world by a variant or typo rule
 * (sheriff office → department, an `(Addendum)` suffix, a misspelt generic word, a letter doubled in the county's
 * name with the link left off) for a run of lists longer than the removal rule, then back, changes no agreement ID
 * and makes no removal or addition. Every agreement is signed the same day (agencies of a state that leave together
 * are rivals, so a rename cannot decide), and a variant may rename only an agency's first agreement (its old name
 * stays listed beside the new one: two spellings in one list).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { weeks } from '../../test/fixtures/identity-world.ts';
import { steadyRows, type WorldList, type WorldRow, worldPubs } from '../../test/fixtures/relabel-world.ts';
import { buildHistory } from './build.ts';

const COUNTIES = [
  'Okfuskee',
  'Calcasieu',
  'Somervell',
  'Escambia',
  'Okaloosa',
  'Montgomery',
  'Cumberland',
  'Washington',
  'Hillsborough',
  'Sarasota',
  'Alachua',
  'Pettis',
  'Waukesha',
  'Walworth',
  'Bradley',
  'Franklin',
];
const RULES = ['department', 'addendum', 'generic', 'letter'] as const;
type Rule = (typeof RULES)[number];
const DATES = weeks(10);

const history = (lists: WorldList[]) =>
  buildHistory({ pubs: worldPubs(lists), decisions: [], agencies: [], aliases: [], knownBad: [] });

/** A county's name with its middle letter doubled (`Okfuskee` → `Okfuskkee`). */
const doubled = (w: string) => w.slice(0, w.length >> 1) + w.slice((w.length >> 1) - 1);

function renamed(r: WorldRow, county: string, rule: Rule, sheriff: boolean): WorldRow {
  if (rule === 'department')
    return { ...r, agency: sheriff ? `${county} County Sheriff's Department` : `${county} Police Dept.` };
  if (rule === 'addendum') return { ...r, agency: `${r.agency} (Addendum)` };
  if (rule === 'generic')
    return { ...r, agency: r.agency.replace('Office', 'Ofice').replace('Department', 'Departent') };
  const name = sheriff
    ? `${doubled(county)} County Sheriff's Office`
    : `${doubled(county)} Police Department`;
  return { ...r, agency: name, noLink: true };
}

describe('renaming every agency of a world by a variant or typo rule (property)', () => {
  const world = fc.uniqueArray(
    fc.record({
      county: fc.integer({ min: 0, max: COUNTIES.length - 1 }),
      state: fc.constantFrom('FL', 'GA', 'NC'),
      sheriff: fc.boolean(),
      models: fc.uniqueArray(fc.constantFrom('JEM', 'WSO', 'TFM' as const), { minLength: 1, maxLength: 3 }),
      rule: fc.constantFrom(...RULES),
      onlyFirst: fc.boolean(),
    }),
    { minLength: 1, maxLength: COUNTIES.length, selector: (a) => a.county },
  );

  it('changes no agreement ID and makes no removal', () => {
    fc.assert(
      fc.property(world, (agencies) => {
        const rows = agencies.map((a) => {
          const county = COUNTIES[a.county] as string;
          return a.models.map(
            (model): WorldRow => ({
              state: a.state,
              agency: a.sheriff ? `${county} County Sheriff's Office` : `${county} Police Department`,
              county: `${county} County`,
              model,
              signed: '2025-02-26',
              doc: `${county.toLowerCase()}_${model.toLowerCase()}_moa.pdf`,
            }),
          );
        });
        const steady = steadyRows(20);
        const plain = DATES.map((date) => ({ date, rows: [...steady, ...rows.flat()] }));
        // Lists 3 to 6 (four lists: more than the removal rule) print every agency under its other name.
        const lists = DATES.map((date, i) => ({
          date,
          rows: [
            ...steady,
            ...rows.flatMap((mine, k) => {
              const a = agencies[k] as (typeof agencies)[number];
              const county = COUNTIES[a.county] as string;
              if (i < 3 || i >= 7) return mine;
              const some = a.onlyFirst && a.rule !== 'letter' ? 1 : mine.length;
              return mine.map((r, j) => (j < some ? renamed(r, county, a.rule, a.sheriff) : r));
            }),
          ],
        }));
        const base = history(plain);
        const h = history(lists);
        expect(h.agreements.map((x) => x.agreementId).sort()).toEqual(
          base.agreements.map((x) => x.agreementId).sort(),
        );
        expect(h.events.filter((e) => e.kind === 'removed' || e.kind === 'added')).toEqual([]);
        expect(h.agencies.filter((x) => !x.mergedInto)).toHaveLength(base.agencies.length);
      }),
      { numRuns: 40 },
    );
  });
});

describe('names that stay apart', () => {
  it('keeps a variant of another county apart, with the refusal in the decision for review', () => {
    const office: WorldRow = {
      state: 'AL',
      agency: "Franklin County Sheriff's Office",
      county: 'Franklin County',
      model: 'TFM',
      signed: '2025-03-25',
      doc: 'franklincoal_tfm.pdf',
    };
    const other = {
      ...office,
      agency: "Franklin County Sheriff's Department",
      county: 'Marion County',
      model: 'JEM' as const,
      doc: 'x.pdf',
    };
    const steady = steadyRows(20);
    const h = history(
      DATES.map((date, i) => ({ date, rows: [...steady, office, ...(i < 3 ? [] : [other])] })),
    );
    const decided = h.newDecisions.find((d) => d.name === other.agency);
    expect(decided?.method).toBe('new');
    expect(decided?.needsReview).toBe(true);
    expect(decided?.explanation).toContain(
      'not merged: "Franklin County Sheriff\'s Office" is another form of the name, but listed in Franklin County, not Marion County',
    );
  });
});
