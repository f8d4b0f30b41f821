import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_NOW, fixtureLedger } from '../../test/support/api-fixture.ts';
import type { Ledger } from '../store/connection.ts';
import { buildDownloads, countyCentroid, type DownloadFile } from './downloads.ts';

let ledger: Ledger;
let dispose: () => Promise<void>;
let files: DownloadFile[];

beforeAll(async () => {
  ({ ledger, dispose } = await fixtureLedger());
  files = await buildDownloads(ledger.db, FIXTURE_NOW);
});

afterAll(async () => {
  await dispose?.();
});

const file = (path: string) => {
  const f = files.find((x) => x.path === path);
  if (!f) throw new Error(`no ${path}`);
  return f;
};

const csv = (path: string) => parse(file(path).body, { columns: false }) as string[][];

async function count(table: 'agencies' | 'agreements' | 'events' | 'publications') {
  let q = ledger.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n'));
  if (table === 'agencies') q = q.where('merged_into' as never, 'is', null);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

interface Resource {
  name: string;
  path: string;
  format: string;
  mediatype: string;
  schema?: { fields: { name: string; type: string; description: string }[] };
}

describe('downloads', () => {
  it('writes CSV and JSON tables whose rows match the ledger', async () => {
    for (const table of ['agencies', 'agreements', 'events', 'publications'] as const) {
      const n = await count(table);
      expect(n, table).toBeGreaterThan(0);
      const rows = csv(`downloads/${table}.csv`);
      expect(rows.length - 1, table).toBe(n);
      const json = JSON.parse(file(`downloads/${table}.json`).body) as Record<string, unknown>[];
      expect(json, table).toHaveLength(n);
      const header = rows[0] as string[];
      for (const r of json) expect(Object.keys(r), table).toEqual(header);
      expect(file(`downloads/${table}.csv`).contentType).toMatch(/^text\/csv/);
    }
    const agencies = csv('downloads/agencies.csv');
    const header = agencies[0] as string[];
    const marion = agencies.find(
      (r) => r[header.indexOf('name')] === "Marion County Sheriff's Office and Jail",
    );
    expect(marion?.[header.indexOf('names')]).toBe(
      "Marion County Sheriff Office; Marion County Sheriff's Office and Jail",
    );
    expect(marion?.[header.indexOf('county_fips')]).toBe('12083');
    expect(marion?.[header.indexOf('counties')]).toBe('Marion County');
    const events = csv('downloads/events.csv');
    const eh = events[0] as string[];
    const renamed = events.find((r) => r[eh.indexOf('kind')] === 'renamed');
    expect(JSON.parse(renamed?.[eh.indexOf('details')] as string)).toEqual({
      from: 'Marion County Sheriff Office',
      to: "Marion County Sheriff's Office and Jail",
    });
  });

  it('describes every file in datapackage.json, with fields equal to the CSV headers', () => {
    const pkg = JSON.parse(file('downloads/datapackage.json').body) as {
      name: string;
      created: string;
      licenses: { name: string; path: string }[];
      sources: { title: string; path: string }[];
      resources: Resource[];
    };
    expect(pkg.name).toMatch(/^[a-z0-9._-]+$/);
    expect(pkg.created).toBe('2026-01-01T00:00:00.000Z');
    expect(pkg.licenses[0]?.name).toBe('CC0-1.0');
    const sources = pkg.sources.map((s) => s.path).join(' ');
    expect(sources).toContain('https://www.ice.gov/identify-and-arrest/287g');
    expect(pkg.sources.map((s) => s.title).join(' ')).toMatch(/FBI.*LEE[\s\S]*B03002[\s\S]*us-atlas/);
    const listed = pkg.resources.map((r) => `downloads/${r.path}`).sort();
    expect(listed).toEqual(
      files
        .map((f) => f.path)
        .filter((p) => !p.endsWith('datapackage.json'))
        .sort(),
    );
    expect(new Set(pkg.resources.map((r) => r.name)).size).toBe(pkg.resources.length);
    for (const r of pkg.resources) {
      expect(r.name).toMatch(/^[a-z0-9._-]+$/);
      expect(r.mediatype).toBeTruthy();
      if (r.format !== 'csv') continue;
      const header = csv(`downloads/${r.path}`)[0];
      expect(
        r.schema?.fields.map((f) => f.name),
        r.path,
      ).toEqual(header);
      for (const f of r.schema?.fields ?? []) {
        expect(['string', 'integer', 'number', 'boolean', 'date', 'datetime', 'object']).toContain(f.type);
        expect(f.description.length, `${r.path} ${f.name}`).toBeGreaterThan(0);
      }
    }
  });

  it('gives values of the declared types', () => {
    const pkg = JSON.parse(file('downloads/datapackage.json').body) as { resources: Resource[] };
    for (const r of pkg.resources.filter((x) => x.format === 'csv')) {
      const [header, ...rows] = csv(`downloads/${r.path}`);
      for (const f of r.schema?.fields ?? []) {
        const i = (header as string[]).indexOf(f.name);
        for (const row of rows) {
          const v = row[i] as string;
          if (v === '') continue;
          if (f.type === 'integer') expect(v, `${r.path} ${f.name}`).toMatch(/^-?\d+$/);
          if (f.type === 'date') expect(v, `${r.path} ${f.name}`).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          if (f.type === 'boolean') expect(['true', 'false']).toContain(v);
          if (f.type === 'object') expect(typeof JSON.parse(v)).toBe('object');
          if (f.type === 'datetime') expect(Number.isNaN(Date.parse(v))).toBe(false);
        }
      }
    }
  });

  it('places agencies on the map at the centroid of their county', async () => {
    const geo = JSON.parse(file('downloads/agencies.geojson').body) as {
      type: string;
      features: {
        type: string;
        id: string;
        geometry: { type: string; coordinates: [number, number] } | null;
        properties: Record<string, unknown>;
      }[];
    };
    expect(geo.type).toBe('FeatureCollection');
    expect(geo.features).toHaveLength(await count('agencies'));
    for (const f of geo.features) {
      expect(f.type).toBe('Feature');
      expect(f.id).toMatch(/^agy-/);
      const fips = String(f.properties.county_fips);
      if (fips === '') expect(f.geometry).toBeNull();
      else {
        expect(f.geometry?.type).toBe('Point');
        const [lon, lat] = f.geometry?.coordinates ?? [Number.NaN, Number.NaN];
        expect(lon).toBeGreaterThan(-180);
        expect(lon).toBeLessThan(-60);
        expect(lat).toBeGreaterThan(15);
        expect(lat).toBeLessThan(72);
      }
    }
    const stJohns = geo.features.find((f) => f.properties.county_fips === '12109');
    const [lon, lat] = stJohns?.geometry?.coordinates ?? [0, 0];
    // St. Johns County, Florida lies around 81.4° W, 29.9° N.
    expect(Math.abs(lon + 81.4)).toBeLessThan(0.3);
    expect(Math.abs(lat - 29.9)).toBeLessThan(0.3);
    expect(countyCentroid(['99999'])).toBeNull();
  });

  it('writes the full history', async () => {
    const h = JSON.parse(file('downloads/history.json').body) as {
      publications: { publicationId: number }[];
      agreements: { intervals: unknown[]; signedHistory: unknown[] }[];
      events: { date: string }[];
      agencies: { names: { firstSeen: string }[] }[];
    };
    expect(h.publications).toHaveLength(await count('publications'));
    expect(h.agreements).toHaveLength(await count('agreements'));
    expect(h.events).toHaveLength(await count('events'));
    expect(h.agreements.every((a) => a.intervals.length > 0)).toBe(true);
    expect(h.agencies.every((a) => a.names.length > 0)).toBe(true);
    const dates = h.events.map((e) => e.date);
    expect(dates).toEqual([...dates].sort());
  });
});

describe('downloads of documents', () => {
  it('list the archived MOAs as CSV and JSON, described in the data package', async () => {
    const { ingest } = await import('../ingest/ingest.ts');
    const { OAKWOOD, textMoa } = await import('../../test/fixtures/moa-pdf.ts');
    const empty = csv('downloads/documents.csv');
    expect(empty).toHaveLength(1);
    await ingest(ledger, [{ file: 'oakwood.pdf', bytes: Buffer.from(await textMoa(OAKWOOD)) }], {
      now: FIXTURE_NOW,
    });
    const made = await buildDownloads(ledger.db, FIXTURE_NOW);
    const body = (p: string) => made.find((f) => f.path === p)?.body ?? '';
    const rows = parse(body('downloads/documents.csv'), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      file_name: 'oakwood.pdf',
      status: 'read',
      pages: '4',
      pages_read: '4',
      ocr_pages: '0',
      model: 'WSO',
      party: 'Oakwood County Sheriff Office',
      template_revision: '2025-02-12',
      signatures: 'LEA: John Smith, Sheriff, 2025-03-01; ICE: Jane Doe, Acting Director, 2025-03-05',
    });
    expect(rows[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);
    const json = JSON.parse(body('downloads/documents.json')) as Record<string, unknown>[];
    expect(Object.keys(json[0] ?? {})).toEqual(Object.keys(rows[0] ?? {}));
    const pkg = JSON.parse(body('downloads/datapackage.json')) as { resources: Resource[] };
    const res = pkg.resources.find((r) => r.name === 'documents');
    expect(res?.path).toBe('documents.csv');
    expect(res?.schema?.fields.map((f) => f.name)).toEqual(Object.keys(rows[0] ?? {}));
    expect(res?.schema?.fields.every((f) => f.description.length > 10)).toBe(true);
  });
});
