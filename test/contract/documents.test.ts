/**
 * Documents on both backends (PGlite always; PostgreSQL when TEST_DATABASE_URL is set): full-text search (words,
 * "phrases", prefix*, -exclusion), snippets with the matches marked, filters (model, template, year, deviations);
 * templates learned per revision from two revisions of fixture MOAs, their word diff, each MOA's deviations
 * (a clause changed, an appendix removed); the deviations filter in the API and on the site (EN and ES). Both
 * backends must give the same answers.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { wordDiff, words } from '../../src/documents/diff.ts';
import { ingest } from '../../src/ingest/ingest.ts';
import { documentDetail, listDocuments, searchDocuments } from '../../src/read/documents.ts';
import { createApp } from '../../src/server/app.ts';
import { documentTemplates } from '../../src/store/documents.ts';
import { type MoaOptions, OAKWOOD, textMoa } from '../fixtures/moa-pdf.ts';
import {
  type LedgerTarget,
  pgliteTarget,
  postgresDatabase,
  type TargetFactory,
  testDatabaseUrl,
} from '../support/ledgers.ts';

const NOW = () => new Date('2025-06-01T12:00:00.000Z');
const OLD = '06/01/2020';
const OLD_RIGHTS =
  'Participating LEA personnel will follow the civil rights policy of the Department of Justice.';

const moa = (agency: string, o: Partial<MoaOptions> = {}): MoaOptions => ({ ...OAKWOOD, agency, ...o });
const old = (agency: string): MoaOptions =>
  moa(agency, {
    revision: OLD,
    lea: { ...OAKWOOD.lea, date: '07/01/2020' },
    ice: { ...OAKWOOD.ice, date: '07/02/2020' },
    civilRightsExtra: OLD_RIGHTS,
  });

/** Six MOAs: four of the 2025 revision (one with an added sentence, one without Appendix B), two of 2020. */
const FIXTURES: [string, MoaOptions][] = [
  ['oakwood.pdf', OAKWOOD],
  ['pine.pdf', moa('Pine County Sheriff Office')],
  [
    'cedar.pdf',
    moa('Cedar City Police Department', {
      civilRightsExtra: 'The LEA will also report every arrest to the county board.',
    }),
  ],
  ['birch.pdf', moa('Birch County Jail', { noComplaintAppendix: true })],
  ['maple.pdf', old('Maple County Sheriff Office')],
  ['elm.pdf', old('Elm Town Police Department')],
];

const results = new Map<string, unknown>();

function contract(name: string, target: TargetFactory) {
  describe(`documents contract: ${name}`, () => {
    let t: LedgerTarget;
    afterAll(() => t?.dispose());

    it('searches, filters, learns templates and shows deviations', async () => {
      t = await target();
      const l = await t.open();
      try {
        const inputs = [];
        for (const [file, o] of FIXTURES) inputs.push({ file, bytes: Buffer.from(await textMoa(o)) });
        const r = await ingest(l, inputs, { now: NOW });
        expect(r.inputs.map((i) => i.status)).toEqual(FIXTURES.map(() => 'new'));
        const files = (hits: { fileName: string }[]) => [...new Set(hits.map((h) => h.fileName))].sort();
        const search = (q: string, f = {}) => searchDocuments(l.db, q, f, 50);

        // Words, phrases, prefixes, exclusion.
        const phrase = await search('"hereinafter referred to"');
        expect(files(phrase.hits)).toEqual(FIXTURES.map(([f]) => f).sort());
        expect(phrase.hits.every((h) => h.page === 1)).toBe(true);
        expect(phrase.hits[0]?.snippet).toMatch(/«hereinafter» «referred»/);
        expect((await search('"referred hereinafter"')).total).toBe(0);
        const prefix = await search('complain*');
        expect(files(prefix.hits)).toEqual(['cedar.pdf', 'elm.pdf', 'maple.pdf', 'oakwood.pdf', 'pine.pdf']);
        expect(prefix.hits[0]?.snippet).toMatch(/«complaint»|«complaints»/i);
        expect(files((await search('county board')).hits)).toEqual(['cedar.pdf']);
        expect(files((await search('justice')).hits)).toEqual(['elm.pdf', 'maple.pdf']);
        // Exclusion is per page: the pages that speak of justice also speak of personnel.
        expect((await search('justice -personnel')).total).toBe(0);
        expect((await search('"" * -')).query).toBeNull();

        // Filters.
        expect(files((await search('"civil rights"', { year: 2020 })).hits)).toEqual([
          'elm.pdf',
          'maple.pdf',
        ]);
        expect(files((await search('"civil rights"', { template: 'WSO 2020-06-01' })).hits)).toEqual([
          'elm.pdf',
          'maple.pdf',
        ]);
        expect((await search('"civil rights"', { model: 'JEM' })).total).toBe(0);
        expect(files((await search('"civil rights"', { deviations: true })).hits)).toEqual([
          'birch.pdf',
          'cedar.pdf',
        ]);

        // Templates: one per revision, their standards differ where the revision changed the text.
        const templates = await documentTemplates(l.db);
        expect(templates.map((x) => [x.template, x.documents])).toEqual([
          ['WSO 2020-06-01', 2],
          ['WSO 2025-02-12', 4],
        ]);
        const rights = (i: number) =>
          ((templates[i]?.sections ?? []) as { key: string; text: string }[]).find(
            (s) => s.key === 'article:civil-rights-standards',
          )?.text as string;
        const diff = wordDiff(words(rights(1)), words(rights(0)));
        const added = diff
          .filter((d) => d.op === '+')
          .map((d) => d.text)
          .join(' ');
        expect(added).toMatch(/follow the civil rights policy of the department of justice/i);

        // Deviations of each MOA from its revision's standard.
        const docs = await listDocuments(l.db);
        const by = (f: string) => docs.find((d) => d.fileName === f);
        expect(Object.fromEntries(docs.map((d) => [d.fileName, d.deviations]))).toEqual({
          'oakwood.pdf': 0,
          'pine.pdf': 0,
          'cedar.pdf': 1,
          'birch.pdf': 1,
          'maple.pdf': 0,
          'elm.pdf': 0,
        });
        const cedar = await documentDetail(l.db, by('cedar.pdf')?.sha256 as string);
        const birch = await documentDetail(l.db, by('birch.pdf')?.sha256 as string);
        expect(cedar?.deviationList?.map((d) => [d.key, d.change])).toEqual([
          ['article:civil-rights-standards', 'changed'],
        ]);
        expect(JSON.stringify(cedar?.deviationList)).toMatch(/county board/);
        expect(birch?.deviationList?.map((d) => [d.key, d.change])).toEqual([
          ['appendix:complaint-procedure', 'removed'],
        ]);
        expect((await listDocuments(l.db, { deviations: true })).map((d) => d.fileName).sort()).toEqual([
          'birch.pdf',
          'cedar.pdf',
        ]);

        // The deviations filter in the API and on the site.
        const app = await createApp({ db: l.db, now: NOW });
        const api = await app.request('/api/v1/documents?deviations=true');
        expect(api.status).toBe(200);
        const body = (await api.json()) as { data?: { fileName: string }[] } | { fileName: string }[];
        const listed = (Array.isArray(body) ? body : (body.data ?? [])).map((d) => d.fileName).sort();
        expect(listed).toEqual(['birch.pdf', 'cedar.pdf']);
        const apiSearch = await app.request(
          '/api/v1/documents/search?q=%22civil%20rights%22&deviations=true',
        );
        expect(apiSearch.status).toBe(200);
        expect(JSON.stringify(await apiSearch.json())).toMatch(/cedar\.pdf/);
        for (const path of ['/documents?deviations=true', '/es/documents?deviations=true']) {
          const page = await (await app.request(path)).text();
          expect(page, path).toMatch(/cedar\.pdf|Cedar City Police Department/);
          expect(page, path).not.toMatch(/pine\.pdf|Pine County Sheriff Office/);
        }

        results.set(name, {
          phrase: phrase.hits.map((h) => [h.fileName, h.page, h.snippet]),
          prefix: prefix.hits.map((h) => [h.fileName, h.page, h.snippet]),
          templates: templates.map((x) => [x.template, x.documents, x.sections]),
          deviations: [cedar?.deviationList, birch?.deviationList],
        });
      } finally {
        await l.close();
      }
    });
  });
}

contract('pglite', pgliteTarget);
const pgUrl = testDatabaseUrl();
if (pgUrl) {
  const database = postgresDatabase(pgUrl);
  afterAll(() => database.drop());
  contract('postgres', database.target);
  describe('documents contract: both backends', () => {
    it('give the same hits, snippets, templates and deviations', () => {
      expect(results.get('pglite')).toBeDefined();
      expect(results.get('postgres')).toEqual(results.get('pglite'));
    });
  });
} else if (process.env.CI)
  describe('documents contract: postgres', () => {
    it('runs under CI', () => {
      throw new Error(
        'CI is set but TEST_DATABASE_URL is not: the documents contract must run on PostgreSQL too.',
      );
    });
  });
