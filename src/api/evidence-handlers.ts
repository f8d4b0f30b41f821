/**
 * The evidence endpoints' bodies (issue 18): the published and retracted records of the read model (never drafts,
 * records in review, unreviewed seed records or tips), filtered and paged newest first.
 */
import type { z } from '@hono/zod-openapi';
import type { Criterion, EvidenceKind } from '../domain/evidence.ts';
import type { PublicRecord } from '../read/evidence.ts';
import type { LedgerView } from '../read/model.ts';
import { meta, paginate } from './envelope.ts';
import type { EvidenceList, EvidenceResponse } from './schemas.ts';

export interface EvidenceQuery {
  kind?: EvidenceKind | undefined;
  criterion?: Criterion | undefined;
  state?: string | undefined;
  agency?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  cursor?: string | undefined;
  limit: number;
}

/** Newest first: by date, then record ID, both descending (one key, so cursors compare the same way). */
const key = (r: PublicRecord) => `${r.date}|${r.recordId}`;
const sorted = new WeakMap<readonly PublicRecord[], PublicRecord[]>();

function byKey(all: readonly PublicRecord[]): PublicRecord[] {
  let s = sorted.get(all);
  if (!s) {
    s = [...all].sort((a, b) => (key(a) < key(b) ? 1 : key(a) > key(b) ? -1 : 0));
    sorted.set(all, s);
  }
  return s;
}

export function evidenceListBody(view: LedgerView, q: EvidenceQuery): z.infer<typeof EvidenceList> {
  const state = q.state?.toUpperCase();
  const items = byKey(view.evidence.all).filter(
    (r) =>
      (!q.kind || r.kind === q.kind) &&
      (!q.criterion || r.criteria.includes(q.criterion)) &&
      (!state || r.state === state) &&
      (!q.agency || r.agencyId === q.agency) &&
      (!q.from || r.date >= q.from) &&
      (!q.to || r.date <= q.to),
  );
  const { page, next } = paginate(items, key, q.cursor, q.limit, true);
  return { data: page, meta: meta(view, { next_cursor: next, count: items.length }) };
}

export function evidenceRecordBody(view: LedgerView, id: string): z.infer<typeof EvidenceResponse> | null {
  const r = view.evidence.byId.get(id);
  return r ? { data: r, meta: meta(view) } : null;
}
