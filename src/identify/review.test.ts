import { describe, expect, it } from 'vitest';
import type { AliasEntry } from '../domain/identity.ts';
import {
  counterpartKeys,
  type DecisionKey,
  pendingReview,
  type QueueRow,
  reviewedVerdicts,
} from './review.ts';

const verdict = (v: 'same' | 'distinct', a: string, b: string): AliasEntry => ({
  verdict: v,
  a: { state: 'FL', key: a },
  b: { state: 'FL', key: b },
  evidence: `${a} / ${b}`,
});
const key = (name_key: string, agency_id: string, needs_review = true): DecisionKey => ({
  state: 'FL',
  name_key,
  agency_id,
  needs_review,
});
const row = (name_key: string, agency_id: string): QueueRow => ({
  state: 'FL',
  name: name_key,
  name_key,
  method: 'spelling',
  confidence: 0.95,
  needs_review: true,
  explanation: 'close',
  decided_on: '2025-04-01',
  agency_id,
  candidate_id: null,
});

describe('the review queue (rows in, queue out)', () => {
  const flagged = [key('palatka', 'agy-b'), key('walker', 'agy-w')];
  const aliases = [verdict('same', 'palatka', 'palatka regional'), verdict('distinct', 'walker', 'waller')];

  it('asks for the decisions of the names the verdicts pair with the flagged ones', () => {
    expect(counterpartKeys(flagged, aliases)).toEqual(['palatka regional', 'waller']);
    expect(counterpartKeys(flagged, [])).toEqual([]);
  });

  it('confirms a `same` decided to one agency (after merges) and a `distinct` decided to two', () => {
    const paired = [key('palatka regional', 'agy-a', false), key('waller', 'agy-x', false)];
    const reviewed = reviewedVerdicts(flagged, paired, new Map([['agy-b', 'agy-a']]), aliases);
    expect([...reviewed]).toEqual([
      ['FL|palatka', 'same: palatka / palatka regional'],
      ['FL|walker', 'distinct: walker / waller'],
    ]);
    // Without the merge, `same` names two agencies: not confirmed.
    expect([...reviewedVerdicts(flagged, paired, new Map(), aliases).keys()]).toEqual(['FL|walker']);
  });

  it('leaves the confirmed decisions out of the queue', () => {
    const queue = pendingReview(
      [row('palatka', 'agy-b'), row('walker', 'agy-w')],
      new Map([['FL|walker', 'distinct: walker / waller']]),
    );
    expect(queue).toEqual([
      {
        state: 'FL',
        name: 'palatka',
        agencyId: 'agy-b',
        method: 'spelling',
        confidence: 0.95,
        candidateId: null,
        explanation: 'close',
        decidedOn: '2025-04-01',
      },
    ]);
  });
});
