/**
 * Decides which agency each listed (state, name) belongs to. Decisions are explained, stored, and reused: a
 * (state, matching key) decided once is never decided again, so agency IDs never change. Order of evidence:
 *
 * 1. a decision already stored in the ledger;
 * 2. the reviewed alias file (`same` links two names; `distinct` forbids a link);
 * 3. the same matching key in the same state (`key`);
 * 3b. the same document (identify/documents.ts): the one agency that left the list as this name arrived, with a
 *    row of the same MOA or addendum file, model and signed date, is this agency under a new label (`document`);
 *    a document also printed on a row that stays listed, or on two arriving names, proves nothing;
 * 4. a move: the same key disappeared from another state in the same transition, same model (`moved`);
 * 5. a rename: exactly one agency of the same state, model (and signed date, for participating lists)
 *    disappeared as this name appeared (`renamed`); weak name similarity sends it to review as well;
 * 6. a near spelling of a known agency in the same state with the same generic words (`spelling`);
 * 7. otherwise a new agency (`new`); near misses that were not applied go to the review queue.
 */

import { distance } from 'fastest-levenshtein';
import type { AgencyRecord, AliasEntry, Decision } from '../domain/identity.ts';
import { mintAgencyId } from '../domain/ids.ts';
import type { Model } from '../domain/types.ts';
import { STATE_NAMES } from '../normalize/state.ts';
import { documentOf, matchByDocument } from './documents.ts';
import { type Similarity, similarity } from './similarity.ts';
import { variantKey, variantReason } from './variants.ts';

/** The other name of a verdict that names (state, key); null when it does not name it. */
export function counterpart(
  al: AliasEntry,
  state: string,
  key: string,
): { state: string; key: string } | null {
  if (al.a.state === state && al.a.key === key) return al.b;
  if (al.b.state === state && al.b.key === key) return al.a;
  return null;
}

/** What the fold knows about one side of a transition. */
export interface Seen {
  agencyId: string;
  state: string;
  key: string;
  name: string;
  models: Set<Model>;
  signed: Set<string>;
  /** Identity keys of its rows (identify/documents.ts); empty when not known. */
  documents?: Set<string>;
  /** The COUNTY cell of its first row, when there is one. */
  county?: string | null;
}

export interface Appearing {
  state: string;
  key: string;
  name: string;
  models: Set<Model>;
  signed: Set<string>;
  documents?: Set<string>;
  county?: string | null;
}

const sk = (state: string, key: string) => `${state}|${key}`;

/** Files an agency under its `state|variant key`. */
function indexVariant(index: Map<string, AgencyRecord[]>, a: AgencyRecord): void {
  const v = sk(a.state, variantKey(a.key));
  const same = index.get(v);
  if (same) same.push(a);
  else index.set(v, [a]);
}

export class Resolver {
  private readonly byKey = new Map<string, string>();
  private readonly agencies = new Map<string, AgencyRecord>();
  private readonly byState = new Map<string, AgencyRecord[]>();
  /** `state|key` → every `state|key` a reviewed `distinct` verdict keeps apart from it. */
  private readonly distinct = new Map<string, Set<string>>();
  private readonly added: Decision[] = [];
  private readonly minted: AgencyRecord[] = [];
  /**
   * While `resolve` runs: how many agencies each state held when it began. Agencies minted since are listed in the
   * same publication, so never a spelling of the name at hand, and `nearest` stops before them: comparing each new
   * name with the list's earlier new names made a list of new agencies quadratic (issue 13).
   */
  private knownBefore: Map<string, number> | null = null;
  /** While `resolve` runs: documents that prove nothing (printed on a staying row or two arriving names). */
  private shared: ReadonlySet<string> = new Set();
  /** Agencies the last `resolve` tied to a new name by a document: agency id → the document's file name. */
  readonly byDocumentNow = new Map<string, string>();
  /**
   * `state|variant key` (identify/variants.ts) → the agencies minted under a name of that variant. Built when a new
   * name first needs it (an incremental ingest of a list with no new name never does).
   */
  private variantIndex: Map<string, AgencyRecord[]> | null = null;
  /** The county each agency decided here was first listed in (names of two counties are never one variant). */
  private readonly counties = new Map<string, string>();

  constructor(
    decisions: readonly Decision[],
    agencies: readonly AgencyRecord[],
    private readonly aliases: readonly AliasEntry[],
  ) {
    for (const a of agencies) this.addAgency(a);
    for (const d of decisions) this.byKey.set(sk(d.state, d.key), d.agencyId);
    const apart = (x: string, y: string) => {
      const set = this.distinct.get(x) ?? new Set<string>();
      set.add(y);
      this.distinct.set(x, set);
    };
    for (const a of aliases)
      if (a.verdict === 'distinct') {
        apart(sk(a.a.state, a.a.key), sk(a.b.state, a.b.key));
        apart(sk(a.b.state, a.b.key), sk(a.a.state, a.a.key));
      }
  }

  /** A resolver for decisions saved as `state|key` → agency id (the history fold's saved state). */
  static resume(
    keys: Record<string, string>,
    agencies: readonly AgencyRecord[],
    aliases: readonly AliasEntry[],
  ): Resolver {
    const r = new Resolver([], agencies, aliases);
    for (const k in keys) r.byKey.set(k, keys[k] as string);
    return r;
  }

  private addAgency(a: AgencyRecord): void {
    this.agencies.set(a.agencyId, a);
    if (this.variantIndex) indexVariant(this.variantIndex, a);
    const list = this.byState.get(a.state) ?? [];
    list.push(a);
    this.byState.set(a.state, list);
  }

  /** The agency a known (state, key) belongs to, following merges. */
  known(state: string, key: string): string | undefined {
    return this.knownKey(sk(state, key));
  }

  /** `known` by the `state|key` string. */
  knownKey(stateKey: string): string | undefined {
    const id = this.byKey.get(stateKey);
    return id === undefined ? undefined : this.canonical(id);
  }

  canonical(id: string): string {
    let cur = id;
    for (let i = 0; i < 10; i++) {
      const next = this.agencies.get(cur)?.mergedInto;
      if (!next) break;
      cur = next;
    }
    return cur;
  }

  agency(id: string): AgencyRecord | undefined {
    return this.agencies.get(id);
  }

  /** Whether a reviewed verdict keeps `other` apart from a name, given the name's `apart` (distinct.get). */
  private isDistinct(apart: Set<string> | undefined, other: AgencyRecord | Seen): boolean {
    return apart?.has(sk(other.state, other.key)) === true;
  }

  private decide(
    a: Appearing,
    agencyId: string,
    d: Omit<Decision, 'state' | 'key' | 'name' | 'agencyId'>,
  ): string {
    const dec: Decision = { state: a.state, key: a.key, name: a.name, agencyId, ...d };
    this.byKey.set(sk(a.state, a.key), agencyId);
    if (a.county && !this.counties.has(agencyId)) this.counties.set(agencyId, a.county);
    this.added.push(dec);
    return agencyId;
  }

  /**
   * Resolves names that appeared in a publication and were not known yet. `gone` are the agencies listed in the
   * previous publication of the same kind and missing from this one.
   */
  resolve(
    appearing: Appearing[],
    gone: Seen[],
    date: string,
    withSigned: boolean,
    listedNow: ReadonlySet<string> = new Set(),
    /** Documents (file names) printed on rows of agencies that stay listed. */
    sharedDocuments: ReadonlySet<string> = new Set(),
  ): Map<string, string> {
    const out = new Map<string, string>();
    const used = new Set<string>();
    const pending: Appearing[] = [];
    for (const a of appearing) {
      const k = this.known(a.state, a.key);
      if (k) out.set(sk(a.state, a.key), k);
      else pending.push(a);
    }
    this.shared = rivalDocuments(pending, sharedDocuments);
    this.byDocumentNow.clear();
    this.knownBefore = new Map();
    for (const a of pending)
      if (!this.knownBefore.has(a.state))
        this.knownBefore.set(a.state, this.byState.get(a.state)?.length ?? 0);
    try {
      for (const a of pending) {
        const id = this.resolveOne(a, gone, used, date, withSigned, pending, listedNow);
        out.set(sk(a.state, a.key), id);
      }
    } finally {
      this.knownBefore = null;
      this.shared = new Set();
    }
    return out;
  }

  private resolveOne(
    a: Appearing,
    gone: Seen[],
    used: Set<string>,
    date: string,
    withSigned: boolean,
    appearing: Appearing[],
    listedNow: ReadonlySet<string>,
  ): string {
    // 2. reviewed aliases
    const aliased = this.byAlias(a, date);
    if (aliased) return aliased;
    const apart = this.distinct.get(sk(a.state, a.key));
    const free = gone.filter((g) => !used.has(g.agencyId) && !this.isDistinct(apart, g));
    // 3b. the same document under a new label
    const byDocument = this.byDocument(a, free, used, date);
    if (byDocument) return byDocument;
    // 3c. another form of a known name (sheriff office / department, an "(Addendum)" suffix, a misspelt generic
    //     word), listed now or not; 3d. a typo of a distinctive word, with the same county, model and document or
    //     signed date as an agency that left the list as it arrived. A refusal is kept in the decision.
    const refusals: string[] = [];
    const variant = this.byVariant(a, apart, date, refusals);
    if (variant) return variant;
    const typo = this.byTypo(a, free, used, date, withSigned, refusals);
    if (typo) return typo;
    // 4. moves between states: the same name left another state as it arrived here, with the same model and
    //    the same signed date. Many counties share a name (there is a Franklin County in many states), so without a
    //    signed date to agree on (pending lists) a move is only proposed for review.
    const moves = free.filter((g) => g.key === a.key && g.state !== a.state && overlap(g.models, a.models));
    const move = moves.length === 1 ? (moves[0] as Seen) : null;
    if (move && withSigned && overlap(move.signed, a.signed)) {
      used.add(move.agencyId);
      return this.decide(a, move.agencyId, {
        method: 'moved',
        confidence: 0.95,
        needsReview: false,
        candidateId: null,
        explanation: `"${move.name}" left ${move.state} and the same name appeared in ${a.state} in the same publication, same model and signed date`,
        decidedOn: date,
      });
    }
    // 5. renames within a state: one agency left as this name arrived, same model (and signed date)
    const local = stateWords(a.state);
    const rename = this.loneRename(a, free, withSigned, appearing);
    if (rename) {
      const renamed = this.byRename(a, rename, local, used, date, withSigned);
      if (renamed) return renamed;
    }
    // 6. near spellings of an agency of the state that is NOT listed now (two names listed together are two
    //    agencies: Walker and Waller County are both real). Applied only when very close; otherwise reviewed.
    const best = this.nearest(a, apart, local, listedNow);
    if (best?.s.sameGeneric && best.s.coreScore >= 0.9 && best.s.score >= 0.95)
      return this.decide(a, this.canonical(best.rec.agencyId), {
        method: 'spelling',
        confidence: best.s.score,
        needsReview: true,
        candidateId: null,
        explanation: `spelling of "${best.rec.name}", not listed at the same time; ${describe(best.s)}`,
        decidedOn: date,
      });
    return this.mintNew(a, date, best, rename, move, refusals);
  }

  /** The variant index, built on first use from every agency known. */
  private variants(): Map<string, AgencyRecord[]> {
    if (!this.variantIndex) {
      this.variantIndex = new Map();
      for (const a of this.agencies.values()) indexVariant(this.variantIndex, a);
    }
    return this.variantIndex;
  }

  /** 3c. The one agency (of the same county, when both rows name one) with a name of the same variant key. */
  private byVariant(
    a: Appearing,
    apart: Set<string> | undefined,
    date: string,
    refusals: string[],
  ): string | null {
    const county = a.county?.toLowerCase() ?? null;
    const found = new Map<string, AgencyRecord>();
    for (const rec of this.variants().get(sk(a.state, variantKey(a.key))) ?? []) {
      if (this.isDistinct(apart, rec)) continue;
      const id = this.canonical(rec.agencyId);
      const other = this.counties.get(id);
      if (county && other && other.toLowerCase() !== county) {
        refusals.push(`"${rec.name}" is another form of the name, but listed in ${other}, not ${a.county}`);
        continue;
      }
      if (!found.has(id)) found.set(id, rec);
    }
    if (found.size > 1)
      refusals.push(`another form of the names of ${found.size} agencies (${[...found.keys()].join(', ')})`);
    if (found.size !== 1) return null;
    const [[id, rec]] = [...found] as [[string, AgencyRecord]];
    return this.decide(a, id, {
      method: 'variant',
      confidence: 0.95,
      needsReview: false,
      candidateId: null,
      explanation: `another form of "${rec.name}": ${variantReason(a.key, rec.key)}`,
      decidedOn: date,
    });
  }

  /**
   * 3d. The one agency that left the list as this name arrived, in the same state and county, with a model in common,
   * the same document or signed date, and a name one or two letters off (distinctive words; generic ones agree).
   */
  private byTypo(
    a: Appearing,
    free: Seen[],
    used: Set<string>,
    date: string,
    withSigned: boolean,
    refusals: string[],
  ): string | null {
    const county = a.county?.toLowerCase();
    if (!county) return null;
    const local = stateWords(a.state);
    const hits = free.filter((g) => {
      if (g.state !== a.state || g.county?.toLowerCase() !== county || !overlap(g.models, a.models))
        return false;
      const sameDoc = [...(a.documents ?? [])].some((d) => g.documents?.has(d));
      if (!sameDoc && !(withSigned && overlap(g.signed, a.signed))) return false;
      return isTypo(variantKey(a.key), variantKey(g.key), local);
    });
    if (hits.length > 1)
      refusals.push(`a typo of ${hits.map((g) => `"${g.name}"`).join(' or ')}: which one is not clear`);
    const g = hits.length === 1 ? (hits[0] as Seen) : null;
    if (!g) return null;
    used.add(g.agencyId);
    const sameDoc = [...(a.documents ?? [])].find((d) => g.documents?.has(d));
    return this.decide(a, g.agencyId, {
      method: 'spelling',
      confidence: 0.9,
      needsReview: false,
      candidateId: null,
      explanation: `typo of "${g.name}", which left the list as this name arrived: same state, county ${a.county} and model, ${sameDoc ? `same document ${documentOf(sameDoc)}` : 'same signed date'}, ${distance(variantKey(a.key), variantKey(g.key))} letter(s) apart`,
      decidedOn: date,
    });
  }

  /** 2. A reviewed `same` verdict pairing the name with a known one. */
  private byAlias(a: Appearing, date: string): string | null {
    for (const al of this.aliases) {
      if (al.verdict !== 'same') continue;
      const other = counterpart(al, a.state, a.key);
      const id = other && this.known(other.state, other.key);
      if (!id) continue;
      // The ID this name gets without the verdict (a ledger built before the verdict may have published it) is
      // kept as a redirect to the agency, so that every published ID keeps resolving after a rebuild.
      const wouldBe = mintAgencyId(a.state, a.key, (x) => this.agencies.has(x));
      const redirect: AgencyRecord = {
        agencyId: wouldBe,
        state: a.state,
        key: a.key,
        name: a.name,
        firstSeen: date,
        mergedInto: id,
      };
      this.addAgency(redirect);
      this.minted.push(redirect);
      return this.decide(a, id, {
        method: 'alias-file',
        confidence: 1,
        needsReview: false,
        candidateId: null,
        explanation: `agency-aliases.csv: same as ${other.state} "${other.key}" (${al.evidence})`,
        decidedOn: date,
      });
    }
    return null;
  }

  /**
   * 3b. The one agency that left the list as this name arrived with a row of the same document, model and signed
   * date: the same agreement under a new label, so the same agency under a new name. (When the old label stays
   * listed with other agreements it is not `gone`: the agreement then moves to the new label's agency, which the
   * fold decides; see history/fold.ts, `relabel`.)
   */
  private byDocument(a: Appearing, free: Seen[], used: Set<string>, date: string): string | null {
    if (!a.documents || a.documents.size === 0) return null;
    const hit = matchByDocument([...a.documents], free, (g) => g.documents ?? [], this.shared);
    if (!hit) return null;
    const g = hit.match;
    used.add(g.agencyId);
    this.byDocumentNow.set(g.agencyId, documentOf(hit.key));
    return this.decide(a, g.agencyId, {
      method: 'document',
      confidence: 0.95,
      needsReview: false,
      candidateId: null,
      explanation: `"${g.name}" left the list as "${a.name}" appeared with the same document ${documentOf(hit.key)}, model and signed date`,
      decidedOn: date,
    });
  }

  /**
   * The one agency of the state that left as this name arrived, with the same model (and signed date), when no
   * other new name of the state could be it as well.
   */
  private loneRename(a: Appearing, free: Seen[], withSigned: boolean, appearing: Appearing[]): Seen | null {
    const renames = free.filter(
      (g) =>
        g.state === a.state && overlap(g.models, a.models) && (!withSigned || overlap(g.signed, a.signed)),
    );
    const rename = renames.length === 1 ? (renames[0] as Seen) : null;
    if (!rename) return null;
    const rival = appearing.some(
      (o) =>
        o !== a &&
        o.state === a.state &&
        !this.known(o.state, o.key) &&
        overlap(o.models, rename.models) &&
        (!withSigned || overlap(o.signed, rename.signed)),
    );
    return rival ? null : rename;
  }

  /** 5. A rename, when the names are close enough. */
  private byRename(
    a: Appearing,
    rename: Seen,
    local: Set<string>,
    used: Set<string>,
    date: string,
    withSigned: boolean,
  ): string | null {
    const s = similarity(a.key, rename.key, local);
    // Participating lists carry the signed date, strong evidence; pending lists need a close name.
    const minCore = withSigned ? 0.5 : 0.8;
    if (s.coreScore < minCore) return null;
    used.add(rename.agencyId);
    return this.decide(a, rename.agencyId, {
      method: 'renamed',
      confidence: withSigned ? (s.coreScore >= 0.75 ? 0.95 : 0.7) : 0.8,
      needsReview: s.coreScore < 0.75,
      candidateId: null,
      explanation: `"${rename.name}" disappeared as "${a.name}" appeared in ${a.state}, same model${withSigned ? ' and signed date' : ''}; ${describe(s)}`,
      decidedOn: date,
    });
  }

  /** The closest known agency of the state that is not listed now (nor kept apart by a verdict). */
  private nearest(
    a: Appearing,
    apart: Set<string> | undefined,
    local: Set<string>,
    listedNow: ReadonlySet<string>,
  ): { rec: AgencyRecord; s: Similarity } | null {
    let best: { rec: AgencyRecord; s: Similarity } | null = null;
    const known = this.byState.get(a.state) ?? [];
    const n = this.knownBefore?.get(a.state) ?? known.length;
    for (let i = 0; i < n; i++) {
      const rec = known[i] as AgencyRecord;
      if (rec.mergedInto || this.isDistinct(apart, rec) || listedNow.has(this.canonical(rec.agencyId)))
        continue;
      const s = similarity(a.key, rec.key, local);
      if (
        !best ||
        s.coreScore > best.s.coreScore ||
        (s.coreScore === best.s.coreScore && s.score > best.s.score)
      )
        best = { rec, s };
    }
    return best;
  }

  /** 7. A new agency; near misses and weak rename candidates are queued for review, not applied. */
  private mintNew(
    a: Appearing,
    date: string,
    best: { rec: AgencyRecord; s: Similarity } | null,
    weakRename: Seen | null,
    move: Seen | null,
    refusals: string[] = [],
  ): string {
    const id = mintAgencyId(a.state, a.key, (x) => this.agencies.has(x));
    const rec: AgencyRecord = {
      agencyId: id,
      state: a.state,
      key: a.key,
      name: a.name,
      firstSeen: date,
      mergedInto: null,
    };
    this.addAgency(rec);
    this.minted.push(rec);
    // Near misses worth a look: close distinctive words and the same kind of agency (a county sheriff and a city
    // police department of the same name are two agencies).
    const near =
      best && best.s.coreScore >= 0.75 && best.s.sameType && (best.s.sameGeneric || best.s.coreScore === 1)
        ? best
        : null;
    const candidate = near?.rec.agencyId ?? weakRename?.agencyId ?? move?.agencyId ?? null;
    const refused = refusals.length > 0 ? `; not merged: ${refusals.join('; ')}` : '';
    return this.decide(a, id, {
      method: 'new',
      confidence: 1,
      needsReview: candidate !== null || refused !== '',
      candidateId: candidate,
      explanation: `${
        near
          ? `new agency; close to "${near.rec.name}" (not listed now; ${describe(near.s)}): review`
          : weakRename
            ? `new agency; "${weakRename.name}" left the list as this name arrived, but the names differ: review`
            : move
              ? `new agency; the same name left ${move.state} as it arrived in ${a.state}, but no signed date confirms a move: review`
              : 'new agency: no known agency of the state is close'
      }${refused}`,
      decidedOn: date,
    });
  }

  /**
   * Applies reviewed `same` verdicts whose two names already belong to two agencies: the agency minted later is
   * merged into the earlier one (`mergedInto`; first seen, then ID). Decisions are not rewritten: both IDs keep
   * resolving, and every name of the merged agency now leads to the one it was merged into. Returns the merges
   * made now (to store).
   */
  applyMerges(): { agencyId: string; mergedInto: string; evidence: string }[] {
    const out: { agencyId: string; mergedInto: string; evidence: string }[] = [];
    for (const al of this.aliases) {
      if (al.verdict !== 'same') continue;
      const a = this.known(al.a.state, al.a.key);
      const b = this.known(al.b.state, al.b.key);
      if (!a || !b || a === b) continue;
      const ra = this.agencies.get(a);
      const rb = this.agencies.get(b);
      if (!ra || !rb) continue;
      const aFirst = ra.firstSeen < rb.firstSeen || (ra.firstSeen === rb.firstSeen && a < b);
      const [keep, drop] = aFirst ? [ra, rb] : [rb, ra];
      drop.mergedInto = keep.agencyId;
      out.push({ agencyId: drop.agencyId, mergedInto: keep.agencyId, evidence: al.evidence });
    }
    return out;
  }

  /**
   * Reviewed alias verdicts that contradict decisions already stored and cannot be applied: `same` for names of
   * two agencies is applied by `applyMerges`; `distinct` for two names of one agency is reported here (splitting an
   * agency is not supported: decisions are never rewritten).
   */
  aliasConflicts(): string[] {
    const out: string[] = [];
    for (const al of this.aliases) {
      const a = this.known(al.a.state, al.a.key);
      const b = this.known(al.b.state, al.b.key);
      if (!a || !b) continue;
      const names = `${al.a.state} "${al.a.key}" / ${al.b.state} "${al.b.key}"`;
      if (al.verdict === 'same' && a !== b)
        out.push(
          `agency-aliases.csv: "same" for ${names} not applied: they already are two agencies (${a}, ${b})`,
        );
      if (al.verdict === 'distinct' && a === b)
        out.push(
          `agency-aliases.csv: "distinct" for ${names} not applied: they already are one agency (${a})`,
        );
    }
    return out;
  }

  /** Every decided `state|key` → agency id (stored decisions and new ones). */
  decidedKeys(): Record<string, string> {
    return Object.fromEntries(this.byKey);
  }

  /** Decisions made by this resolver (to store). */
  newDecisions(): Decision[] {
    return this.added;
  }

  newAgencies(): AgencyRecord[] {
    return this.minted;
  }

  allAgencies(): AgencyRecord[] {
    return [...this.agencies.values()];
  }
}

const overlap = (x: Set<string>, y: Set<string>) => [...x].some((v) => y.has(v));

/** Two variant keys one or two letters apart in their distinctive words, with the same generic words and numbers. */
function isTypo(a: string, b: string, local: Set<string>): boolean {
  if (a === b) return true;
  const s = similarity(a, b, local);
  if (!s.sameNumbers || !s.sameGeneric || !s.sameType) return false;
  const d = distance(a, b);
  return d <= 2 && Math.min(a.length, b.length) >= 8 && s.coreScore >= 0.75;
}

/** Documents (file names) that prove nothing: printed on a staying row, or on two of the arriving names. */
function rivalDocuments(pending: Appearing[], staying: ReadonlySet<string>): ReadonlySet<string> {
  const seen = new Map<string, Appearing>();
  const out = new Set(staying);
  for (const a of pending)
    for (const k of a.documents ?? []) {
      const doc = documentOf(k);
      const other = seen.get(doc);
      if (other && other !== a) out.add(doc);
      seen.set(doc, a);
    }
  return out;
}

function describe(s: Similarity): string {
  return `name similarity ${s.score.toFixed(2)}, distinctive words ${s.coreScore.toFixed(2)}`;
}

const stateWordCache = new Map<string, Set<string>>();

/** The words of a state's name, generic within that state (`Alaska Department of Corrections`). */
function stateWords(state: string): Set<string> {
  let w = stateWordCache.get(state);
  if (!w) {
    w = new Set((STATE_NAMES[state] ?? '').toLowerCase().split(' ').filter(Boolean));
    stateWordCache.set(state, w);
  }
  return w;
}
