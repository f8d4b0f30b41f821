/**
 * Relabels (issue 14): an agreement printed under a new agency label with the same document, model and signed
 * date keeps its ID, with a `renamed` event naming the document, and no removal or addition. A different document,
 * model or signed date is not the same agreement.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  listsOf,
  relabel,
  steadyRows,
  type WorldList,
  type WorldRow,
  worldPubs,
} from '../../test/fixtures/relabel-world.ts';
import type { AliasEntry } from '../domain/identity.ts';
import { agencyKey } from '../normalize/agency-name.ts';
import { buildHistory } from './build.ts';

const DATES = ['2025-07-01', '2025-07-08', '2025-07-15', '2025-07-22', '2025-07-29', '2025-08-05'];
const AT = '2025-07-15';
const STEADY = steadyRows(20);

const board = (county: string, doc: string): WorldRow => ({
  state: 'FL',
  agency: `${county} County Board of County Commissioners`,
  model: 'WSO',
  signed: '2025-02-26',
  doc,
});
const ESCAMBIA = board('Escambia', 'escambiaco_wso_moa_02.21.2025.pdf');
const GULF = board('Gulf', 'gulfcoboardcountycommissioners_wso_moa_02.19.2025.pdf');
const PASCO = board('Pasco', 'pascocobocc_wso_moa_02.20.2025.pdf');

const history = (lists: WorldList[]) =>
  buildHistory({ pubs: worldPubs(lists), decisions: [], agencies: [], aliases: [], knownBad: [] });

const kinds = (h: ReturnType<typeof history>, kind: string) => h.events.filter((e) => e.kind === kind);

/** Three county boards relabelled on one day, each keeping its MOA (as ICE did on 2025-08-11). */
function boards(changes: Partial<Record<'escambia' | 'gulf' | 'pasco', Partial<WorldRow>>>): WorldList[] {
  let lists = listsOf(DATES, [...STEADY, ESCAMBIA, GULF, PASCO]);
  const to = {
    escambia: { agency: 'Escambia County Board of County Commissioners/ Department of Corrections' },
    gulf: {
      agency: 'Gulf County Board of County Commissioners /Detention Facility',
      link: 'safelinks' as const,
    },
    pasco: { agency: 'Pasco County Board of County Commissioners/ Pasco County Corrections' },
  };
  const rows = { escambia: ESCAMBIA, gulf: GULF, pasco: PASCO };
  for (const k of ['escambia', 'gulf', 'pasco'] as const)
    lists = relabel(lists, AT, rows[k], { ...to[k], ...changes[k] });
  return lists;
}

describe('relabels with the same document', () => {
  const before = history(listsOf(DATES, [...STEADY, ESCAMBIA, GULF, PASCO]));
  const h = history(boards({}));

  it('keep each agreement and its ID: no removal, no addition', () => {
    expect(h.agreements.map((a) => a.agreementId).sort()).toEqual(
      before.agreements.map((a) => a.agreementId).sort(),
    );
    expect(kinds(h, 'removed')).toEqual([]);
    expect(kinds(h, 'added')).toEqual([]);
    const fl = h.agreements.filter((a) => a.state === 'FL');
    expect(fl.map((a) => [a.status, a.firstListed, a.lastListed])).toEqual(
      fl.map(() => ['active', DATES[0], DATES[5]]),
    );
  });

  it('record a rename with the document as evidence, and keep the old name as one of the agency', () => {
    const renamed = kinds(h, 'renamed');
    expect(renamed.map((e) => [e.date, e.details.from, e.details.document]).sort()).toEqual(
      [ESCAMBIA, GULF, PASCO].map((r) => [AT, r.agency, r.doc.toLowerCase()]).sort(),
    );
    const gulf = h.agreements.find((a) => a.name.startsWith('Gulf'));
    const names = h.names.filter((n) => n.agency_id === gulf?.agencyId).map((n) => n.name);
    expect(names.sort()).toEqual([
      GULF.agency,
      'Gulf County Board of County Commissioners /Detention Facility',
    ]);
    const decisions = h.newDecisions.filter((d) => d.method === 'document');
    expect(decisions).toHaveLength(3);
    expect(decisions[0]?.explanation).toContain('same document');
  });
});

describe('relabels that are not the same agreement', () => {
  it('a different document under a near name is not merged', () => {
    const h = history(boards({ escambia: { doc: 'escambiaco_wso_moa_07.01.2025.pdf' } }));
    const removed = kinds(h, 'removed').map(
      (e) => h.agreements.find((a) => a.agreementId === e.agreementId)?.name,
    );
    expect(removed).toEqual([ESCAMBIA.agency]);
    expect(kinds(h, 'added')).toHaveLength(1);
    expect(kinds(h, 'renamed')).toHaveLength(2);
  });

  it('the same document with another model is not merged', () => {
    const h = history(boards({ gulf: { model: 'TFM' } }));
    expect(kinds(h, 'removed').map((e) => e.details.model)).toEqual(['WSO']);
    expect(kinds(h, 'added').map((e) => e.details.model)).toEqual(['TFM']);
  });

  it('the same document with another signed date is not merged', () => {
    const h = history(boards({ pasco: { signed: '2025-06-25' } }));
    expect(kinds(h, 'removed')).toHaveLength(1);
    expect(kinds(h, 'added')).toHaveLength(1);
    expect(h.agreements.filter((a) => a.name.startsWith('Pasco')).map((a) => a.status)).toEqual([
      'removed',
      'active',
    ]);
  });

  it('a document also printed on a row that stays listed proves nothing', () => {
    // ICE printed FDEP's MOA on the Fish & Wildlife row; the row later shows FDEP's label while FDEP's own row stays.
    const fdep: WorldRow = {
      ...PASCO,
      agency: 'Florida Department of Environmental Protection',
      model: 'TFM',
    };
    const fwc: WorldRow = {
      ...fdep,
      agency: 'Florida Fish and Wildlife Conservation Commission',
      signed: '2025-02-14',
    };
    const lists = relabel(listsOf(DATES, [...STEADY, fdep, fwc, GULF, ESCAMBIA]), AT, fwc, {
      agency: 'Florida Department of Environmental Protection, Division of Law Enforcement',
    });
    const h = history(lists);
    expect(kinds(h, 'removed')).toHaveLength(1);
    expect(kinds(h, 'renamed')).toEqual([]);
  });
});

describe('an agreement relabelled while its old label stays listed', () => {
  const sheriff: WorldRow = { ...ESCAMBIA, agency: "Escambia County Sheriff's Office" };
  const tfm: WorldRow = { ...sheriff, model: 'TFM', signed: '2025-03-04', doc: 'escambiacoso_tfm_moa.pdf' };
  const base = listsOf(DATES, [...STEADY, sheriff, tfm]);
  const before = history(base);
  const h = history(relabel(base, AT, sheriff, { agency: ESCAMBIA.agency }));
  const wso = h.agreements.find((a) => a.model === 'WSO' && a.state === 'FL');
  const kept = h.agreements.find((a) => a.model === 'TFM' && a.state === 'FL');

  it('moves to the new label’s agency and keeps its ID', () => {
    expect(h.agreements.map((a) => a.agreementId).sort()).toEqual(
      before.agreements.map((a) => a.agreementId).sort(),
    );
    expect(wso?.agencyId).not.toBe(kept?.agencyId);
    expect([wso?.name, wso?.status, wso?.firstListed]).toEqual([ESCAMBIA.agency, 'active', DATES[0]]);
    expect(kinds(h, 'removed')).toEqual([]);
    expect(kinds(h, 'added')).toEqual([]);
  });

  it('records the move as a rename of the agreement, naming the document and the agency it left', () => {
    expect(kinds(h, 'renamed').map((e) => [e.agreementId, e.agencyId, e.details])).toEqual([
      [
        wso?.agreementId,
        wso?.agencyId,
        {
          from: sheriff.agency,
          to: ESCAMBIA.agency,
          document: sheriff.doc,
          fromAgency: kept?.agencyId,
          model: 'WSO',
        },
      ],
    ]);
  });

  it('points each row at the agreement, with the moved ID stored explicitly', () => {
    const refs = h.refs.filter((r) => r.model === 'WSO' && r.state === 'FL');
    expect(new Set(refs.map((r) => r.agreementId))).toEqual(new Set([wso?.agreementId]));
    expect(refs.filter((r) => r.publication >= 3).every((r) => r.agencyId === wso?.agencyId)).toBe(true);
  });
});

describe('the reviewed alias file still decides first', () => {
  const sheriff: WorldRow = { ...ESCAMBIA, agency: "Escambia County Sheriff's Office" };
  const tfm: WorldRow = { ...sheriff, model: 'TFM', signed: '2025-03-04', doc: 'escambiacoso_tfm_moa.pdf' };
  const lists = relabel(listsOf(DATES, [...STEADY, sheriff, tfm]), AT, sheriff, { agency: ESCAMBIA.agency });
  const verdict = (v: 'same' | 'distinct'): AliasEntry[] => [
    {
      verdict: v,
      a: { state: 'FL', key: agencyKey(sheriff.agency, 'FL') },
      b: { state: 'FL', key: agencyKey(ESCAMBIA.agency, 'FL') },
      evidence: 'test',
    },
  ];
  const run = (aliases: AliasEntry[]) =>
    buildHistory({ pubs: worldPubs(lists), decisions: [], agencies: [], aliases, knownBad: [] });

  it('`same`: both labels are one agency, and the agreement simply continues', () => {
    const h = run(verdict('same'));
    const fl = h.agreements.filter((a) => a.state === 'FL');
    expect(new Set(fl.map((a) => a.agencyId)).size).toBe(1);
    expect(h.newDecisions.find((d) => d.name === ESCAMBIA.agency)?.method).toBe('alias-file');
    expect(kinds(h, 'removed')).toEqual([]);
    expect(kinds(h, 'renamed').filter((e) => e.agreementId)).toEqual([]);
  });

  it('`distinct`: two agencies; the agreement still follows its document', () => {
    const h = run(verdict('distinct'));
    const wso = h.agreements.find((a) => a.state === 'FL' && a.model === 'WSO');
    const kept = h.agreements.find((a) => a.state === 'FL' && a.model === 'TFM');
    expect(wso?.agencyId).not.toBe(kept?.agencyId);
    expect(kinds(h, 'removed')).toEqual([]);
  });
});

describe('an agency that lists the model again after its agreement moved away', () => {
  it('gets a new agreement with an ID of its own', () => {
    const sheriff: WorldRow = { ...ESCAMBIA, agency: "Escambia County Sheriff's Office" };
    const tfm: WorldRow = { ...sheriff, model: 'TFM', signed: '2025-03-04', doc: 'escambiacoso_tfm_moa.pdf' };
    const again: WorldRow = { ...sheriff, signed: '2025-07-20', doc: 'escambiacoso_wso_moa_07.2025.pdf' };
    let lists = relabel(listsOf(DATES, [...STEADY, sheriff, tfm]), AT, sheriff, { agency: ESCAMBIA.agency });
    lists = lists.map((l) => (l.date >= '2025-07-29' ? { ...l, rows: [...l.rows, again] } : l));
    const h = history(lists);
    const wso = h.agreements.filter((a) => a.model === 'WSO' && a.state === 'FL');
    expect(wso.map((a) => [a.name, a.firstListed, a.status])).toEqual([
      [ESCAMBIA.agency, DATES[0], 'active'],
      [sheriff.agency, '2025-07-29', 'active'],
    ]);
    expect(new Set(wso.map((a) => a.agreementId)).size).toBe(2);
    const refs = h.refs.filter((r) => r.model === 'WSO' && r.state === 'FL' && r.publication === 6);
    expect(new Set(refs.map((r) => r.agreementId))).toEqual(new Set(wso.map((a) => a.agreementId)));
  });
});

describe('renaming every agency of a world while keeping documents (property)', () => {
  const STATES = ['FL', 'GA', 'TX', 'NC'];
  const MODELS = ['JEM', 'WSO', 'TFM'] as const;
  const world = fc.array(
    fc.record({
      state: fc.constantFrom(...STATES),
      models: fc.uniqueArray(fc.constantFrom(...MODELS), { minLength: 1, maxLength: 3 }),
      day: fc.integer({ min: 1, max: 28 }),
      /** 0: the whole agency is relabelled; 1: only its first agreement (the old label stays if it has more). */
      how: fc.integer({ min: 0, max: 1 }),
    }),
    { minLength: 1, maxLength: 25 },
  );

  it('changes no agreement ID and makes no removal', () => {
    fc.assert(
      fc.property(world, (agencies) => {
        const rows: WorldRow[][] = agencies.map((a, i) =>
          a.models.map((model) => ({
            state: a.state,
            agency: `Agency ${i} Sheriffs Office`,
            model,
            signed: `2025-02-${String(a.day).padStart(2, '0')}`,
            doc: `agency${i}_${model.toLowerCase()}_moa.pdf`,
          })),
        );
        let lists = listsOf(DATES, [...STEADY, ...rows.flat()]);
        agencies.forEach((a, i) => {
          const mine = rows[i] as WorldRow[];
          const relabelled = a.how === 0 ? mine : mine.slice(0, 1);
          for (const r of relabelled)
            lists = relabel(lists, AT, r, { agency: `Relabelled Body ${i} Detention` });
        });
        const base = history(listsOf(DATES, [...STEADY, ...rows.flat()]));
        const h = history(lists);
        expect(h.agreements.map((x) => x.agreementId).sort()).toEqual(
          base.agreements.map((x) => x.agreementId).sort(),
        );
        expect(kinds(h, 'removed')).toEqual([]);
        expect(kinds(h, 'added')).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });
});
