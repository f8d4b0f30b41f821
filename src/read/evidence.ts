/**
 * The public side of evidence records (issue 18), read once per ledger version: only records a reviewer other than
 * their author approved (published), and records retracted after that (kept, marked, with the reason). Drafts,
 * records in review, seeded records nobody has reviewed yet, and tips are never here. Each record is shown as its
 * published version, with who wrote it and who reviewed it, and when.
 *
 * An agency's records are those keyed by its stable ID, and, for a sheriff's office or a county jail, those keyed
 * by its county (FIPS) without an agency ID (records about a sheriff's office no longer in ICE's lists).
 */
import type {
  ArchivedCopy,
  Criterion,
  EvidenceContent,
  EvidenceKind,
  EvidenceSource,
} from '../domain/evidence.ts';
import type { Placement } from '../domain/geography.ts';
import { isSheriffOrJail } from '../geography/figures.ts';
import type { Db } from '../store/db.ts';
import { listRecordRows, listReviews, publishedVersions } from '../store/evidence.ts';
import { type SourceFetchRow, sourceFetchRows } from '../store/evidence-archives.ts';

export interface Byline {
  name: string;
  at: string;
}

/**
 * A source as the public sees it: its archived copies (oldest first; a page that changed has one per content), and
 * `archivedSha256` the latest copy's (else the one the record's version names).
 */
export interface PublicSource extends EvidenceSource {
  archives: ArchivedCopy[];
}

export interface PublicRecord extends Omit<EvidenceContent, 'sources'> {
  sources: PublicSource[];
  recordId: string;
  /** The published version's number. */
  version: number;
  retracted: { at: string; reason: string } | null;
  editor: Byline;
  reviewer: Byline;
  firstPublishedAt: string;
  publishedAt: string;
  /** The latest public change: publication or retraction. */
  updatedAt: string;
}

export interface EvidenceFilter {
  kind?: EvidenceKind | undefined;
  criterion?: Criterion | undefined;
  state?: string | undefined;
  agency?: string | undefined;
  /** Records dated on or after (YYYY-MM-DD). */
  from?: string | undefined;
  /** Records dated on or before. */
  to?: string | undefined;
}

/** Newest first (record date, then ID): the order of every list. */
const order = (a: PublicRecord, b: PublicRecord) =>
  a.date === b.date ? (a.recordId < b.recordId ? -1 : 1) : a.date < b.date ? 1 : -1;

export class EvidenceIndex {
  readonly byId: Map<string, PublicRecord>;

  constructor(readonly all: readonly PublicRecord[]) {
    this.byId = new Map(all.map((r) => [r.recordId, r]));
  }

  /** An agency's records: by its ID, and for a sheriff or county jail, those of its county without an ID. */
  forAgency(agencyId: string, county: { fips: readonly string[]; sheriffOrJail: boolean }): PublicRecord[] {
    return this.all.filter(
      (r) =>
        r.agencyId === agencyId ||
        (r.agencyId === null &&
          county.sheriffOrJail &&
          r.countyFips !== null &&
          county.fips.includes(r.countyFips)),
    );
  }

  /** An agency's records, from its placement (county and whether it is a sheriff or a county jail). */
  forPlacement(agencyId: string, p: Placement | undefined): PublicRecord[] {
    return this.forAgency(agencyId, {
      fips: p?.countyFips ?? [],
      sheriffOrJail: p ? isSheriffOrJail(p) : false,
    });
  }

  /** Records keyed by a county (any agency placed in it, or the county's sheriff without an ID). */
  forCounty(fips: string): PublicRecord[] {
    return this.all.filter((r) => r.countyFips === fips);
  }

  filter(f: EvidenceFilter): PublicRecord[] {
    return this.all.filter(
      (r) =>
        (!f.kind || r.kind === f.kind) &&
        (!f.criterion || r.criteria.includes(f.criterion)) &&
        (!f.state || r.state === f.state) &&
        (!f.agency || r.agencyId === f.agency) &&
        (!f.from || r.date >= f.from) &&
        (!f.to || r.date <= f.to),
    );
  }

  /** Published and retracted records by the time of their latest public change, newest first (the feed). */
  byUpdate(): PublicRecord[] {
    return [...this.all].sort((a, b) =>
      a.updatedAt === b.updatedAt ? (a.recordId < b.recordId ? -1 : 1) : a.updatedAt < b.updatedAt ? 1 : -1,
    );
  }
}

export const EMPTY_EVIDENCE = new EvidenceIndex([]);

/** Each URL's archived copies: one per distinct content, ordered by its latest retrieval (the last is current). */
export function archivesByUrl(rows: readonly SourceFetchRow[]): Map<string, ArchivedCopy[]> {
  const out = new Map<string, Map<string, ArchivedCopy>>();
  for (const f of rows) {
    if (f.error !== null || !f.sha256 || !f.mediaType) continue;
    const copies = out.get(f.url) ?? new Map<string, ArchivedCopy>();
    copies.delete(f.sha256);
    copies.set(f.sha256, {
      sha256: f.sha256,
      mediaType: f.mediaType,
      retrievedAt: f.retrievedAt,
      finalUrl: f.finalUrl,
    });
    out.set(f.url, copies);
  }
  return new Map([...out].map(([url, copies]) => [url, [...copies.values()]]));
}

function publicSource(s: EvidenceSource, archives: Map<string, ArchivedCopy[]>): PublicSource {
  const copies = archives.get(s.url) ?? [];
  return { ...s, archivedSha256: copies[copies.length - 1]?.sha256 ?? s.archivedSha256, archives: copies };
}

/** Every public record of the ledger as it is now. */
export async function loadPublicEvidence(db: Db): Promise<EvidenceIndex> {
  const rows = (await listRecordRows(db)).filter((r) => r.publishedVersion !== null);
  if (rows.length === 0) return EMPTY_EVIDENCE;
  const versions = await publishedVersions(db);
  const reviews = await listReviews(db);
  const archives = archivesByUrl(await sourceFetchRows(db));
  const out: PublicRecord[] = [];
  for (const r of rows) {
    const v = versions.get(r.recordId);
    const approval = reviews
      .filter(
        (x) => x.recordId === r.recordId && x.version === r.publishedVersion && x.decision === 'approve',
      )
      .pop();
    if (!v || !approval || !r.publishedAt || !r.firstPublishedAt) continue;
    const retracted =
      r.retractedAt && r.retractionReason ? { at: r.retractedAt, reason: r.retractionReason } : null;
    out.push({
      ...v.content,
      sources: v.content.sources.map((s) => publicSource(s, archives)),
      recordId: r.recordId,
      version: v.version,
      retracted,
      editor: { name: v.authorLabel, at: v.createdAt },
      reviewer: { name: approval.reviewerName, at: approval.at },
      firstPublishedAt: r.firstPublishedAt,
      publishedAt: r.publishedAt,
      updatedAt: retracted && retracted.at > r.publishedAt ? retracted.at : r.publishedAt,
    });
  }
  return new EvidenceIndex(out.sort(order));
}
