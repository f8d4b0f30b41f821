/**
 * In-memory search over agencies, counties and states: pure (no database, no Node APIs), so the same class runs in
 * the API, in the web pages and, loaded from `search-index.json`, in a browser on a static host.
 *
 * Text is reduced to tokens the way agency names are matched (lower case, punctuation dropped, `'s` → `s`,
 * `&` → `and`) and abbreviations are expanded from the reviewed list passed in (`pd` → police department, `bocc` →
 * board of county commissioners, `saint` → st, ...), so `st johns`, `St. Johns` and `Saint Johns` meet.
 *
 * Ranking, best first: exact (the whole name, an ID or a state code), prefix (the name starts with the query),
 * words (every query word starts a word of the entry, any order), fuzzy (a word is within a few edits, by
 * fastest-levenshtein). Every query word must match (a few filler words such as `of` and `in` may not); words of
 * the entry's context (its state's code and name, its county, its city) may match but never make an exact hit.
 */
import { distance } from 'fastest-levenshtein';
import { wordTokens } from '../domain/tokens.ts';

export type SearchType = 'agency' | 'county' | 'state';
export type MatchKind = 'exact' | 'prefix' | 'words' | 'fuzzy';

export interface SearchEntry {
  type: SearchType;
  /** `agy-…` for agencies, the 5-digit FIPS code for counties, the USPS code for states. */
  id: string;
  name: string;
  /** Display label, e.g. `St. Johns County, FL`. */
  label: string;
  state: string | null;
  /** Former names and other spellings (matched like the name). */
  aliases: string[];
  /** Words that may match but are not the name: state code and name, county, city. */
  context: string[];
  /** Agencies: active, pending or removed; null for counties and states. */
  status: 'active' | 'pending' | 'removed' | null;
  /** Models of the agreements in force (agencies: their own; counties and states: of agencies placed there). */
  models: string[];
  /** Counties: agencies placed in the county holding an agreement in force; states: none listed. */
  agencyIds: string[];
  /** Whether an agreement is in force (an agency's own, or of any agency placed in the county or state). */
  hasAgreement: boolean;
  /** Path of the entry's web page (language-free): `/agency/agy-…/`, `/state/XX/`, `/county/<fips>/`. */
  path: string;
}

export interface SearchHit extends SearchEntry {
  match: MatchKind;
  /** Lower is better; only comparable within one search. */
  score: number;
}

export interface RankedEntry {
  entry: SearchEntry;
  match: MatchKind;
  score: number;
}

export interface SearchOptions {
  limit?: number;
  types?: readonly SearchType[];
  state?: string;
}

/** The compact, serializable form (`search-index.json`). */
export interface CompactSearchIndex {
  version: 1;
  abbreviations: [string, string][];
  /** [type letter (a|c|s), id, name, label, state, aliases, context, status, models, agencyIds, hasAgreement, path] */
  entries: [
    string,
    string,
    string,
    string,
    string | null,
    string[],
    string[],
    string | null,
    string[],
    string[],
    0 | 1,
    string,
  ][];
}

/** Words that may stay unmatched in a query. */
const OPTIONAL = new Set(['the', 'of', 'and', 'in', 'at', 'for', 'a', 'on']);
const MATCH_RANK: Record<MatchKind, number> = { exact: 0, prefix: 1, words: 2, fuzzy: 3 };
const TYPE_RANK: Record<SearchType, number> = { state: 0, county: 1, agency: 2 };
const STATUS_RANK: Record<string, number> = { active: 0, pending: 1, removed: 2 };
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function rawTokens(s: string): string[] {
  return wordTokens(
    s
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[\u2018\u2019`´]/g, "'"),
  );
}

/** Edits allowed for a query word of this length. */
function maxEdits(len: number): number {
  if (len <= 3) return 0;
  if (len <= 7) return 1;
  if (len <= 11) return 2;
  return 3;
}

interface Prepared {
  entry: SearchEntry;
  /** Normalized name and aliases (whole strings). */
  keys: string[];
  /** Token ids of the name and aliases. */
  nameTokens: number[];
  /** Token ids of the context (not also in the name). */
  contextTokens: number[];
  sortName: string;
}

/** Token id → cost: 0 exact, 1 prefix, 2 + edits fuzzy (2.5 + edits against the start of a longer word). */
type TokenMatches = Map<number, number>;

interface Scored {
  i: number;
  match: MatchKind;
  score: number;
}

export class SearchIndex {
  /** Abbreviation rules by their first word, longest first. */
  private readonly rules = new Map<string, { from: string[]; to: string[] }[]>();
  private readonly prepared: Prepared[] = [];
  private readonly vocab: string[] = [];
  private readonly vocabIds = new Map<string, number>();
  /** Token id → entries holding it in their name or an alias. */
  private readonly inName: number[][] = [];
  /** Token id → entries holding it only in their context. */
  private readonly inContext: number[][] = [];
  /** Token ids in code-unit order of their text (prefix ranges by binary search). */
  private readonly sorted: number[];
  /** Token ids by token length. */
  private readonly byLength: number[][] = [];
  private readonly byId = new Map<string, number[]>();
  private readonly tokenCache = new Map<string, TokenMatches>();
  /**
   * Scratch space of one search, one slot per entry (a search runs to the end without yielding, so one set
   * serves every call). `seen` holds a stamp per query word, so nothing needs clearing between searches.
   */
  private readonly seen: Int32Array;
  private readonly bestName: Float64Array;
  private readonly bestContext: Float64Array;
  private readonly cost: Float64Array;
  private readonly nameHits: Int32Array;
  private readonly fuzzy: Uint8Array;
  private stamp = 0;
  /** Every entry's normalized names in code-unit order (exact and prefix matches by binary search). */
  private readonly keyList: { key: string; i: number }[] = [];
  /** Per entry, the stamp of the last search whose whole query is one of its names (`exact`) or starts one. */
  private readonly exactMark: Int32Array;
  private readonly prefixMark: Int32Array;
  private searches = 0;
  /** The part of each entry's score that does not depend on the query (agreement, type, status, name length). */
  private readonly base: Float64Array;
  /** Each entry's place in (label, id) order: ties in score are broken by comparing two integers. */
  private readonly labelRank: Int32Array;

  constructor(
    readonly entries: readonly SearchEntry[],
    readonly abbreviations: readonly [string, string][] = [],
  ) {
    const rules = abbreviations
      .map(([a, b]) => ({ from: rawTokens(a), to: rawTokens(b) }))
      .filter((r) => r.from.length > 0)
      .sort((a, b) => b.from.length - a.from.length);
    for (const r of rules) {
      const first = r.from[0] as string;
      this.rules.set(first, [...(this.rules.get(first) ?? []), r]);
    }
    entries.forEach((entry, i) => {
      const names = [entry.name, ...entry.aliases];
      const keys = [...new Set(names.map((n) => this.normalize(n).join(' ')))];
      const nameTokens = new Set<number>();
      for (const k of keys) for (const t of k.split(' ')) if (t) nameTokens.add(this.tokenId(t));
      const contextTokens = new Set<number>();
      for (const c of entry.context)
        for (const t of this.normalize(c)) {
          const id = this.tokenId(t);
          if (!nameTokens.has(id)) contextTokens.add(id);
        }
      this.prepared.push({
        entry,
        keys,
        nameTokens: [...nameTokens],
        contextTokens: [...contextTokens],
        sortName: keys[0] ?? '',
      });
      for (const id of nameTokens) (this.inName[id] as number[]).push(i);
      for (const id of contextTokens) (this.inContext[id] as number[]).push(i);
      const idKey = entry.id.toLowerCase();
      this.byId.set(idKey, [...(this.byId.get(idKey) ?? []), i]);
    });
    const n = entries.length;
    this.seen = new Int32Array(n);
    this.bestName = new Float64Array(n);
    this.bestContext = new Float64Array(n);
    this.cost = new Float64Array(n);
    this.nameHits = new Int32Array(n);
    this.fuzzy = new Uint8Array(n);
    this.exactMark = new Int32Array(n);
    this.prefixMark = new Int32Array(n);
    this.base = new Float64Array(n);
    this.prepared.forEach((p, i) => {
      for (const key of p.keys) this.keyList.push({ key, i });
      const f = p.entry;
      this.base[i] =
        (f.hasAgreement ? 0 : 3) +
        TYPE_RANK[f.type] +
        (f.status ? (STATUS_RANK[f.status] ?? 0) : 0) +
        Math.min(p.sortName.length, 99) / 100;
    });
    this.keyList.sort((a, b) => cmp(a.key, b.key) || a.i - b.i);
    this.labelRank = new Int32Array(n);
    entries
      .map((_, i) => i)
      .sort((a, b) => {
        const x = entries[a] as SearchEntry;
        const y = entries[b] as SearchEntry;
        return cmp(x.label, y.label) || cmp(x.id, y.id);
      })
      .forEach((i, rank) => {
        this.labelRank[i] = rank;
      });
    this.sorted = this.vocab.map((_, id) => id).sort((a, b) => cmp(this.vocab[a] ?? '', this.vocab[b] ?? ''));
    this.vocab.forEach((t, id) => {
      const list = this.byLength[t.length] ?? [];
      list.push(id);
      this.byLength[t.length] = list;
    });
  }

  /** Tokens of a text with abbreviations expanded (the same reduction for entries and queries). */
  normalize(text: string): string[] {
    const t = rawTokens(text);
    const out: string[] = [];
    for (let i = 0; i < t.length; ) {
      const rule = this.rules.get(t[i] as string)?.find((r) => r.from.every((f, j) => t[i + j] === f));
      if (rule) {
        out.push(...rule.to);
        i += rule.from.length;
      } else {
        out.push(t[i] as string);
        i++;
      }
    }
    if (out[0] === 'the' && out.length > 2) out.shift();
    return out;
  }

  private tokenId(t: string): number {
    let id = this.vocabIds.get(t);
    if (id === undefined) {
      id = this.vocab.length;
      this.vocab.push(t);
      this.vocabIds.set(t, id);
      this.inName.push([]);
      this.inContext.push([]);
    }
    return id;
  }

  /**
   * Vocabulary words a query word matches, with their cost. A word found exactly is taken as typed (no fuzzy
   * matching, which also keeps common words cheap); the start of a longer word is compared only for the last
   * word of the query when nothing else matched it.
   */
  private matchToken(q: string, last: boolean): TokenMatches {
    const key = `${last ? 1 : 0}${q}`;
    const hit = this.tokenCache.get(key);
    if (hit) return hit;
    const out: TokenMatches = new Map();
    const exact = this.vocabIds.get(q);
    if (exact !== undefined) out.set(exact, 0);
    if (q.length >= 2 || last) {
      let lo = 0;
      let hi = this.sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((this.vocab[this.sorted[mid] as number] as string) < q) lo = mid + 1;
        else hi = mid;
      }
      for (let k = lo; k < this.sorted.length; k++) {
        const id = this.sorted[k] as number;
        const t = this.vocab[id] as string;
        if (!t.startsWith(q)) break;
        if (t !== q) out.set(id, 1);
      }
    }
    const edits = maxEdits(q.length);
    if (exact === undefined && edits > 0) {
      for (let len = q.length - edits; len <= q.length + edits; len++)
        for (const id of this.byLength[len] ?? []) {
          if (out.has(id)) continue;
          const d = distance(q, this.vocab[id] as string);
          if (d <= edits) out.set(id, 2 + d);
        }
      if (last && out.size === 0)
        for (let len = q.length + 1; len < this.byLength.length; len++)
          for (const id of this.byLength[len] ?? []) {
            const d = distance(q, (this.vocab[id] as string).slice(0, q.length));
            if (d <= edits) out.set(id, 2.5 + d);
          }
    }
    if (this.tokenCache.size > 5000) this.tokenCache.clear();
    this.tokenCache.set(key, out);
    return out;
  }

  search(query: string, opts: SearchOptions = {}): SearchHit[] {
    return this.ranked(query, opts).map((r) => ({ ...r.entry, match: r.match, score: r.score }));
  }

  /** The hits of `search` as the index's own entry objects (unchanged, never copied) with their match and score. */
  ranked(query: string, opts: SearchOptions = {}): RankedEntry[] {
    const limit = opts.limit ?? 20;
    const words = this.normalize(query);
    if (words.length === 0 || limit <= 0) return [];
    const byId = this.byId.get(query.trim().toLowerCase()) ?? [];
    const required = words.filter((w) => !OPTIONAL.has(w));
    const must = required.length > 0 ? required : words;
    const optional = required.length > 0 ? words.filter((w) => OPTIONAL.has(w)) : [];
    const matches = must.map((w, i) => this.matchToken(w, i === must.length - 1));
    const optMatches = optional.map((w) => this.matchToken(w, false));
    const alive = this.holdingEvery(matches);
    // Entries still stamped by the last word hold every word.
    const last = this.stamp;
    // Entries found by ID but not by the words come after the word hits.
    const consider = alive;
    for (const e of byId) if (this.seen[e] !== last) consider.push(e);
    const q = this.markNames(words.join(' '));
    const top = this.best(consider, { limit, opts, byId, optMatches, last, q });
    return top.map((s) => ({
      entry: (this.prepared[s.i] as Prepared).entry,
      match: s.match,
      score: s.score,
    }));
  }

  /**
   * Candidates: entries holding the rarest required word, narrowed by each other word. For each word, an entry's
   * best cost among its name tokens and (half a point dearer) its context tokens; a context token wins only when
   * strictly cheaper, and then the word does not count as found in the name. Returns the entries holding every
   * word (stamped with `this.stamp`), their cost, name hits and fuzziness in the per-entry arrays.
   */
  private holdingEvery(matches: TokenMatches[]): number[] {
    const order = matches.map((m, j) => ({ m, w: this.weight(m), j })).sort((a, b) => a.w - b.w || a.j - b.j);
    let alive: number[] = [];
    if (this.stamp > 2 ** 30) {
      // Stamps must stay within the Int32Array (a long-running server passes 2^31 words in days).
      this.seen.fill(0);
      this.stamp = 0;
    }
    order.forEach(({ m }, k) => {
      const stamp = ++this.stamp;
      const previous = stamp - 1;
      const touched: number[] = [];
      const visit = (list: number[], c: number, best: Float64Array, other: Float64Array) => {
        for (const e of list) {
          const s = this.seen[e] as number;
          if (s === stamp) {
            if (c < (best[e] as number)) best[e] = c;
          } else if (k === 0 || s === previous) {
            this.seen[e] = stamp;
            best[e] = c;
            other[e] = Number.POSITIVE_INFINITY;
            touched.push(e);
          }
        }
      };
      for (const [id, c] of m) {
        visit(this.inName[id] as number[], c, this.bestName, this.bestContext);
        visit(this.inContext[id] as number[], c + 0.5, this.bestContext, this.bestName);
      }
      for (const e of touched) {
        const name = this.bestName[e] as number;
        const context = this.bestContext[e] as number;
        const best = Math.min(context, name);
        const hit = context < name ? 0 : 1;
        if (k === 0) {
          this.cost[e] = best;
          this.nameHits[e] = hit;
          this.fuzzy[e] = best >= 2 ? 1 : 0;
        } else {
          this.cost[e] = (this.cost[e] as number) + best;
          this.nameHits[e] = (this.nameHits[e] as number) + hit;
          if (best >= 2) this.fuzzy[e] = 1;
        }
      }
      alive = touched;
    });
    return alive;
  }

  /** Marks the entries one of whose names is the whole query (exact) or starts with it (prefix); the mark. */
  private markNames(qkey: string): number {
    if (this.searches > 2 ** 30) {
      this.exactMark.fill(0);
      this.prefixMark.fill(0);
      this.searches = 0;
    }
    const q = ++this.searches;
    let lo = 0;
    let hi = this.keyList.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.keyList[mid] as { key: string }).key < qkey) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < this.keyList.length; k++) {
      const { key, i } = this.keyList[k] as { key: string; i: number };
      if (!key.startsWith(qkey)) break;
      this.prefixMark[i] = q;
      if (key === qkey) this.exactMark[i] = q;
    }
    return q;
  }

  /** The best `limit` entries, kept sorted (score, then label, then id). */
  private best(
    consider: number[],
    x: {
      limit: number;
      opts: SearchOptions;
      byId: number[];
      optMatches: TokenMatches[];
      /** The stamp of the entries holding every word. */
      last: number;
      /** The mark of exact and prefix names. */
      q: number;
    },
  ): Scored[] {
    const { limit, opts, byId, optMatches, last, q } = x;
    const top: Scored[] = [];
    const rank = this.labelRank;
    const before = (score: number, i: number, b: Scored) =>
      score !== b.score ? score < b.score : (rank[i] as number) < (rank[b.i] as number);
    for (const i of consider) {
      const p = this.prepared[i] as Prepared;
      const f = p.entry;
      if (opts.types && !opts.types.includes(f.type)) continue;
      if (opts.state && f.state !== opts.state && !(f.type === 'state' && f.id === opts.state)) continue;
      let match: MatchKind;
      let cost = 0;
      if (this.exactMark[i] === q || (byId.length > 0 && byId.includes(i))) match = 'exact';
      else {
        if (this.seen[i] !== last || this.nameHits[i] === 0) continue;
        cost = this.cost[i] as number;
        for (const m of optMatches)
          if (!p.nameTokens.some((id) => m.has(id)) && !p.contextTokens.some((id) => m.has(id))) cost += 0.25;
        if (this.prefixMark[i] === q) match = 'prefix';
        else match = this.fuzzy[i] ? 'fuzzy' : 'words';
      }
      const raw = MATCH_RANK[match] * 1000 + cost * 10 + (this.base[i] as number);
      const score = Math.round(raw * 100) / 100;
      // Most candidates of a common word fall behind the last kept one: no object is made for them.
      if (top.length === limit && !before(score, i, top[limit - 1] as Scored)) continue;
      let at = top.length;
      while (at > 0 && before(score, i, top[at - 1] as Scored)) at--;
      top.splice(at, 0, { i, match, score });
      if (top.length > limit) top.pop();
    }
    return top;
  }

  /** How many entries the words of a match reach (to start from the rarest). */
  private weight(m: TokenMatches): number {
    let n = 0;
    for (const id of m.keys()) n += (this.inName[id]?.length ?? 0) + (this.inContext[id]?.length ?? 0);
    return n;
  }

  toJSON(): CompactSearchIndex {
    const letter: Record<SearchType, string> = { agency: 'a', county: 'c', state: 's' };
    return {
      version: 1,
      abbreviations: this.abbreviations.map(([a, b]) => [a, b]),
      entries: this.entries.map((e) => [
        letter[e.type],
        e.id,
        e.name,
        e.label,
        e.state,
        e.aliases,
        e.context,
        e.status,
        e.models,
        e.agencyIds,
        e.hasAgreement ? 1 : 0,
        e.path,
      ]),
    };
  }

  static fromJSON(c: CompactSearchIndex): SearchIndex {
    const type: Record<string, SearchType> = { a: 'agency', c: 'county', s: 'state' };
    return new SearchIndex(
      c.entries.map((e) => ({
        type: type[e[0]] ?? 'agency',
        id: e[1],
        name: e[2],
        label: e[3],
        state: e[4],
        aliases: e[5],
        context: e[6],
        status: e[7] as SearchEntry['status'],
        models: e[8],
        agencyIds: e[9],
        hasAgreement: e[10] === 1,
        path: e[11],
      })),
      c.abbreviations,
    );
  }
}
