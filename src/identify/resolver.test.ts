import { describe, expect, it } from 'vitest';
import type { AliasEntry } from '../domain/identity.ts';
import { mintAgencyId } from '../domain/ids.ts';
import type { Model } from '../domain/types.ts';
import { type Appearing, Resolver, type Seen } from './resolver.ts';

const appearing = (state: string, key: string, model: Model = 'TFM', signed: string[] = []): Appearing => ({
  state,
  key,
  name: key,
  models: new Set([model]),
  signed: new Set(signed),
});

function seen(r: Resolver, state: string, key: string, model: Model = 'TFM', signed: string[] = []): Seen {
  const agencyId = r.known(state, key);
  if (!agencyId) throw new Error(`unknown ${state} ${key}`);
  return { agencyId, state, key, name: key, models: new Set([model]), signed: new Set(signed) };
}

describe('Resolver', () => {
  it('follows a move between states only when model and signed date agree', () => {
    const r = new Resolver([], [], []);
    r.resolve(
      [appearing('MT', 'cass county sheriffs office', 'TFM', ['2025-02-28'])],
      [],
      '2025-03-07',
      true,
    );
    const gone = [seen(r, 'MT', 'cass county sheriffs office', 'TFM', ['2025-02-28'])];
    const ids = r.resolve(
      [appearing('MN', 'cass county sheriffs office', 'TFM', ['2025-02-28'])],
      gone,
      '2025-03-17',
      true,
    );
    expect(ids.get('MN|cass county sheriffs office')).toBe(gone[0]?.agencyId);
    expect(r.newDecisions().at(-1)?.method).toBe('moved');

    // Pending lists carry no signed date: the same name in another state is only proposed for review.
    const p = new Resolver([], [], []);
    p.resolve([appearing('TX', 'franklin county sheriffs office')], [], '2026-02-13', false);
    const left = [seen(p, 'TX', 'franklin county sheriffs office')];
    const got = p.resolve([appearing('AR', 'franklin county sheriffs office')], left, '2026-02-27', false);
    expect(got.get('AR|franklin county sheriffs office')).not.toBe(left[0]?.agencyId);
    const d = p.newDecisions().at(-1);
    expect([d?.method, d?.needsReview, d?.candidateId]).toEqual(['new', true, left[0]?.agencyId]);
  });

  it('never matches names with different numbers, nor two names listed together', () => {
    const r = new Resolver([], [], []);
    r.resolve(
      [
        appearing('TX', 'galveston county constables office pct 1'),
        appearing('TX', 'waller county sheriffs office'),
      ],
      [],
      '2025-05-01',
      true,
    );
    const listed = new Set([r.known('TX', 'waller county sheriffs office') as string]);
    const ids = r.resolve(
      [
        appearing('TX', 'galveston county constables office pct 4'),
        appearing('TX', 'walker county sheriffs office'),
      ],
      [],
      '2025-05-02',
      true,
      listed,
    );
    expect(ids.get('TX|galveston county constables office pct 4')).not.toBe(
      r.known('TX', 'galveston county constables office pct 1'),
    );
    expect(ids.get('TX|walker county sheriffs office')).not.toBe(
      r.known('TX', 'waller county sheriffs office'),
    );
  });

  it('applies a reviewed "same" verdict to a new name, and merges two agencies already minted', () => {
    const aliases: AliasEntry[] = [
      {
        verdict: 'same',
        a: { state: 'FL', key: 'a police department' },
        b: { state: 'FL', key: 'b police department' },
        evidence: 'x',
      },
      {
        verdict: 'same',
        a: { state: 'FL', key: 'c police department' },
        b: { state: 'FL', key: 'd police department' },
        evidence: 'y',
      },
    ];
    // c and d were decided as two agencies before the verdict was recorded.
    const before = new Resolver([], [], []);
    before.resolve(
      [appearing('FL', 'c police department'), appearing('FL', 'd police department')],
      [],
      '2024-12-01',
      true,
    );
    const c = before.known('FL', 'c police department') as string;
    const d = before.known('FL', 'd police department') as string;
    expect(c).not.toBe(d);
    const r = new Resolver(before.newDecisions(), before.newAgencies(), aliases);
    // The later-minted agency (first seen the same day: the larger ID) is merged into the other; both names and
    // both IDs now lead to one agency.
    const [keep, drop] = c < d ? [c, d] : [d, c];
    expect(r.applyMerges()).toEqual([{ agencyId: drop, mergedInto: keep, evidence: 'y' }]);
    expect(r.known('FL', 'c police department')).toBe(keep);
    expect(r.known('FL', 'd police department')).toBe(keep);
    expect(r.canonical(drop)).toBe(keep);
    expect(r.applyMerges()).toEqual([]);
    r.resolve([appearing('FL', 'a police department')], [], '2025-01-01', true);
    expect(r.aliasConflicts()).toEqual([]);
    const ids = r.resolve([appearing('FL', 'b police department')], [], '2025-02-01', true);
    const a = r.known('FL', 'a police department');
    expect(ids.get('FL|b police department')).toBe(a);
    expect(r.newDecisions().at(-1)?.method).toBe('alias-file');
    // The ID the name would have had without the verdict is kept, as a redirect to the agency.
    const wouldBe = mintAgencyId('FL', 'b police department', () => false);
    expect(r.newAgencies().find((x) => x.agencyId === wouldBe)?.mergedInto).toBe(a);
    expect(r.canonical(wouldBe)).toBe(a);
  });

  it('keeps every decision: a name decided once resolves the same way in a new resolver', () => {
    const r = new Resolver([], [], []);
    r.resolve([appearing('GA', 'cobb county sheriffs office')], [], '2025-01-01', true);
    const again = new Resolver(r.newDecisions(), r.newAgencies(), []);
    expect(again.known('GA', 'cobb county sheriffs office')).toBe(
      r.known('GA', 'cobb county sheriffs office'),
    );
    expect(again.known('GA', 'cobb county sheriffs office')).toMatch(/^agy-[a-z0-9]{10}$/);
  });
  it('never takes two new names of one publication for one agency, nor queues one against the other', () => {
    // Two names listed together are two agencies; comparing each new name with the earlier new names of its own
    // list was also what made a list of many new agencies quadratic (issue 13).
    const r = new Resolver([], [], []);
    const ids = r.resolve(
      [
        appearing('TX', 'montgomery county sheriffs office'),
        appearing('TX', 'montgomeryy county sheriffs office'),
      ],
      [],
      '2025-03-07',
      true,
    );
    expect(new Set(ids.values()).size).toBe(2);
    expect(r.newDecisions().map((d) => [d.method, d.needsReview])).toEqual([
      ['new', false],
      ['new', false],
    ]);
    // A later publication still finds the near spelling of an agency it does not list.
    const later = r.resolve([appearing('TX', 'montgomerry county sheriffs office')], [], '2025-04-07', true);
    expect(r.newDecisions().at(-1)?.method).not.toBe('new');
    expect(ids.get('TX|montgomery county sheriffs office')).toBe(
      later.get('TX|montgomerry county sheriffs office'),
    );
  });
});
