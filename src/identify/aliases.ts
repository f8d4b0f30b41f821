/**
 * The reviewed alias file (`reference/agency-aliases.csv`): `same` links two names as one agency, `distinct`
 * forbids linking them. For a name not yet decided, a verdict overrides the matcher (resolver.ts). For a decision
 * already stored (decisions are never rewritten), a verdict that agrees with it records the human review: the
 * decision leaves the review queue, with the verdict's evidence. `same` for names of two agencies already minted
 * merges them (resolver.ts, `applyMerges`); `distinct` for two names of one agency is reported as a conflict
 * (`aliasConflicts`) and the decision stays in the queue.
 */

import type { AliasEntry } from '../domain/identity.ts';
import { agencyKey } from '../normalize/agency-name.ts';
import { normalizeState } from '../normalize/state.ts';
import { loadReference } from '../reference/load.ts';
import { counterpart } from './resolver.ts';

export function aliasEntries(): AliasEntry[] {
  return loadReference('agencyAliases').map((a) => {
    const sa = normalizeState(a.state_a).code ?? a.state_a;
    const sb = normalizeState(a.state_b).code ?? a.state_b;
    return {
      verdict: a.verdict as 'same' | 'distinct',
      a: { state: sa, key: agencyKey(a.name_a, sa) },
      b: { state: sb, key: agencyKey(a.name_b, sb) },
      evidence: a.evidence,
    };
  });
}

export interface StoredDecision {
  state: string;
  key: string;
  agencyId: string;
}

/**
 * The verdict that confirms a stored decision, if any: `same` with a name decided to the same agency, or
 * `distinct` with a name decided to another agency. `agencyOf` gives the agency a `state|key` was decided to.
 */
export function confirmingVerdict(
  d: StoredDecision,
  aliases: readonly AliasEntry[],
  agencyOf: (stateKey: string) => string | undefined,
): AliasEntry | null {
  for (const al of aliases) {
    const other = counterpart(al, d.state, d.key);
    if (!other) continue;
    const otherId = agencyOf(`${other.state}|${other.key}`);
    if (!otherId) continue;
    if (al.verdict === 'same' && otherId === d.agencyId) return al;
    if (al.verdict === 'distinct' && otherId !== d.agencyId) return al;
  }
  return null;
}
