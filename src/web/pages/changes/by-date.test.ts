/** Changes summed by publication date. */
import { describe, expect, it } from 'vitest';
import { countByDate } from './by-date.tsx';

describe('changes by date', () => {
  it('counts additions, removals and other changes per date, newest first', () => {
    const rows = countByDate([
      { date: '2025-03-10', kind: 'added' },
      { date: '2025-03-24', kind: 'removed' },
      { date: '2025-03-10', kind: 'added' },
      { date: '2025-03-24', kind: 'renamed' },
      { date: '2025-03-24', kind: 'pending-to-signed' },
    ]);
    expect(rows).toEqual([
      { date: '2025-03-24', added: 0, removed: 1, other: 2 },
      { date: '2025-03-10', added: 2, removed: 0, other: 0 },
    ]);
    expect(countByDate([])).toEqual([]);
  });
});
