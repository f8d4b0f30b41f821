/**
 * Helpers for the editors' and evidence tests: a clock the test moves, deterministic random bytes, accounts of each
 * role, and a complete record's content.
 */
import { createHash } from 'node:crypto';
import type { EvidenceContent, Role } from '../../src/domain/evidence.ts';
import { addUser } from '../../src/editors/accounts.ts';
import { CLI_ACTOR, type ServiceDeps } from '../../src/editors/deps.ts';
import type { Editor } from '../../src/evidence/records.ts';
import type { Db } from '../../src/store/db.ts';

export class TestClock {
  ms: number;
  constructor(iso = '2026-01-05T10:00:00.000Z') {
    this.ms = Date.parse(iso);
  }
  now = () => new Date(this.ms);
  advance(ms: number): void {
    this.ms += ms;
  }
}

/** Deterministic "random" bytes (a hash chain), so IDs and tokens repeat from run to run. */
export function testDeps(clock = new TestClock(), seed = 'reassess'): ServiceDeps & { clock: TestClock } {
  let n = 0;
  return {
    clock,
    now: clock.now,
    random: (len) => {
      const out = Buffer.alloc(len);
      for (let off = 0; off < len; off += 32)
        createHash('sha256').update(`${seed}|${n++}`).digest().copy(out, off);
      return out;
    },
  };
}

export const PASSWORD = 'correct horse battery staple';

/** Adds an account of `role` named `name`; the editor it acts as. */
export async function account(db: Db, deps: ServiceDeps, name: string, role: Role): Promise<Editor> {
  const u = await addUser(db, deps, CLI_ACTOR, {
    username: name,
    displayName: name.toUpperCase(),
    role,
    password: PASSWORD,
  });
  return { userId: u.userId, name: u.username, role };
}

/** A complete record's content (publishable), with `over` replacing fields. */
export function content(over: Partial<EvidenceContent> = {}): EvidenceContent {
  return {
    agencyId: null,
    agencyName: 'Example County Sheriff’s Office',
    state: 'NC',
    countyFips: '37001',
    kind: 'doj-findings',
    date: '2012-09-18',
    title: 'Justice Department findings',
    summary: 'The Justice Department found a pattern of discriminatory policing.',
    status: 'found',
    criteria: ['profiling'],
    checklist: [3, 16],
    sources: [
      {
        url: 'https://www.justice.gov/example',
        publisher: 'U.S. Department of Justice',
        date: '2012-09-18',
        quote: 'A passage, quoted exactly.',
        archivedSha256: null,
      },
    ],
    ...over,
  };
}
