/**
 * The rows one ledger version's read model is built from, loaded once with a handful of bulk reads: every part of
 * the model (the API's records, the pages' data, the search index) is built from these same rows.
 */

import type { Placement } from '../domain/geography.ts';
import { type Reconciliation, reconcile } from '../history/reconcile.ts';
import { decisionView } from '../identify/review.ts';
import { reviewedDecisions } from '../ingest/review-queue.ts';
import { loadReference } from '../reference/load.ts';
import { agencyDecisionRows, agencyNameRows, agencyRows, listAgencies } from '../store/agencies.ts';
import { readRedirects } from '../store/agreement-redirects.ts';
import { listAgreements, listChanges } from '../store/agreements.ts';
import type { Db } from '../store/db.ts';
import { documentsOfAgreements } from '../store/document-links.ts';
import { listPlacements } from '../store/placements.ts';
import {
  latestSightings,
  listedAgencies,
  listSnapshots,
  refsOf,
  type SnapshotRow,
} from '../store/publications.ts';
import { type FbiRow, fbiRows, listCounties } from '../store/references.ts';
import { lastFinishedRun, latestFinish } from '../store/runs.ts';
import { type CountyFiguresResult, countyFigures } from './geography.ts';

export type AgreementRow = Awaited<ReturnType<typeof listAgreements>>[number];
export type ChangeRow = Awaited<ReturnType<typeof listChanges>>[number];
export type AgencyRow = Awaited<ReturnType<typeof listAgencies>>[number];
export type { SnapshotRow };

export interface LedgerRows {
  /** When the latest finished run finished (as stored), or null for an empty ledger. */
  lastFinished: Awaited<ReturnType<typeof lastFinishedRun>>;
  sightings: Awaited<ReturnType<typeof latestSightings>>;
  /** Oldest first. */
  snapshots: SnapshotRow[];
  /** By state, name, model (as the database sorts them). */
  agreements: AgreementRow[];
  /** Every event, oldest first. */
  changes: ChangeRow[];
  agencies: Awaited<ReturnType<typeof agencyRows>>;
  names: Awaited<ReturnType<typeof agencyNameRows>>;
  /** The agencies (id, state, name as listed) of each publication. */
  listed: Awaited<ReturnType<typeof listedAgencies>>;
  /** Identity decisions as shown with their agency, oldest first. */
  decisions: { agencyId: string; view: ReturnType<typeof decisionView> }[];
  placements: Placement[];
  /** County figures on the latest publication. */
  figures: CountyFiguresResult;
  counties: Awaited<ReturnType<typeof listCounties>>;
  /** FBI LEE rows of the placements' ORIs. */
  fbi: Map<string, FbiRow>;
  /** Name abbreviations for search (`st` → `saint`). */
  abbreviations: [string, string][];
  /** The archived documents each agreement's rows link (issue 15). */
  documents: Awaited<ReturnType<typeof documentsOfAgreements>>;
  /** Active agreements against ICE's rows on the latest participating list (issue 14). */
  reconciliation: Reconciliation | null;
  /** Agreement IDs that no longer name an agreement, as stored (issue 14). */
  redirects: Awaited<ReturnType<typeof readRedirects>>;
}

/** The latest participating list's reconciliation with the agreements active on its date. */
async function latestReconciliation(
  db: Db,
  sightings: LedgerRows['sightings'],
  agreements: AgreementRow[],
): Promise<Reconciliation | null> {
  const p = sightings.participating;
  if (!p) return null;
  const on = p.date;
  const active = agreements.filter((a) =>
    a.intervals.some((i) => i.list === 'participating' && i.from <= on && (i.to >= on || i.open)),
  );
  return reconcile(on, on, await refsOf(db, p.id), active);
}

export async function loadRows(db: Db): Promise<LedgerRows> {
  const lastFinished = await lastFinishedRun(db);
  const sightings = await latestSightings(db);
  const snapshots = await listSnapshots(db);
  const agreements = await listAgreements(db);
  const changes = await listChanges(db, '0001-01-01');
  const agencies = await agencyRows(db);
  const names = await agencyNameRows(db);
  const listed = await listedAgencies(db);
  const reviewed = await reviewedDecisions(db);
  const decisions = (await agencyDecisionRows(db)).map((d) => ({
    agencyId: d.agency_id,
    view: decisionView(d, reviewed),
  }));
  const placements = await listPlacements(db);
  const figures = await countyFigures(db);
  const counties = await listCounties(db);
  const fbi = await fbiRows(
    db,
    placements.map((p) => p.ori).filter((o): o is string => !!o),
  );
  const abbreviations = loadReference('nameAbbreviations').map(
    (r) => [r.abbreviation, r.expansion] as [string, string],
  );
  const documents = await documentsOfAgreements(db);
  const reconciliation = await latestReconciliation(db, sightings, agreements);
  const redirects = await readRedirects(db);
  return {
    redirects,
    reconciliation,
    documents,
    lastFinished,
    sightings,
    snapshots,
    agreements,
    changes,
    agencies,
    names,
    listed,
    decisions,
    placements,
    figures,
    counties,
    fbi,
    abbreviations,
  };
}

/** What only the pages need beyond the shared rows (read when the pages first ask). */
export async function loadSiteRows(db: Db) {
  return { latestFinish: await latestFinish(db), agencyList: await listAgencies(db) };
}
