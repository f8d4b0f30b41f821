/**
 * Static JSON snapshots of the API for the static export: the same bodies (same envelope, same handlers) as the
 * live API, with every list whole (one file, no cursor), one file per agency, the OpenAPI document, and a compact
 * search index (`search-index.json`, `SearchIndex.fromJSON` reads it) for client-side search on a static host.
 */

import { analysesBody, stopDatasetsBody } from '../api/analyses.ts';
import { openApiDocument } from '../api/app.ts';
import { meta } from '../api/envelope.ts';
import { evidenceListBody, evidenceRecordBody } from '../api/evidence-handlers.ts';
import {
  agenciesBody,
  agencyBody,
  agreementBody,
  agreementsBody,
  countiesBody,
  eventsBody,
  publicationsBody,
  statesBody,
  statsBody,
} from '../api/handlers.ts';
import { buildView, type LedgerView } from '../read/model.ts';
import type { Db } from '../store/db.ts';

const json = (v: unknown) => `${JSON.stringify(v)}\n`;

export async function apiSnapshots(
  db: Db,
  now: () => Date,
  view?: LedgerView,
): Promise<{ path: string; body: string }[]> {
  const v = view ?? (await buildView(db));
  const all = (n: number) => ({ limit: Math.max(1, n) });
  const out: { path: string; body: string }[] = [];
  const add = (path: string, body: unknown) => out.push({ path: `api/v1/${path}`, body: json(body) });

  add('agencies.json', agenciesBody(v, all(v.agencies.length)));
  const ids = [...v.details.keys()].sort();
  for (const id of ids) add(`agencies/${id}.json`, agencyBody(v, id));
  add('agreements.json', agreementsBody(v, all(v.agreements.length)));
  // One file per agreement and per retired ID (which answers its successor, or the 410 body when gone).
  for (const id of [...v.agreementById.keys(), ...v.retired.keys()].sort())
    add(`agreements/${id}.json`, agreementBody(v, id).body);
  add('events.json', eventsBody(v, all(v.events.length)));
  add('publications.json', publicationsBody(v, all(v.publications.length)));
  const figures = await v.figures();
  add('counties.json', await countiesBody(v, all(figures.counties.length)));
  add('states.json', await statesBody(v, {}));
  add('stats.json', await statsBody(v, {}));
  add('stop-datasets.json', await stopDatasetsBody(v));
  add('analyses.json', await analysesBody(v, {}));
  add('evidence.json', evidenceListBody(v, all(v.evidence.all.length)));
  for (const r of v.evidence.all) add(`evidence/${r.recordId}.json`, evidenceRecordBody(v, r.recordId));
  add('openapi.json', openApiDocument({ db, now }));
  add('search-index.json', {
    data: v.search.toJSON(),
    meta: meta(v, { geo: true, count: v.search.entries.length }),
  });
  add('index.json', {
    data: {
      generated: now().toISOString(),
      note: 'Static snapshot of the API: lists are whole (no cursor); /api/v1/agencies/{id} is agencies/{id}.json, /api/v1/agreements/{id} is agreements/{id}.json.',
      files: out.map((f) => f.path.slice('api/v1/'.length)).concat('index.json'),
    },
    meta: meta(v),
  });
  return out;
}
