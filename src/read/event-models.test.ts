import { describe, expect, it } from 'vitest';
import { agencyEventModels } from './event-models.ts';

const iv = (list: string, from: string, to: string | null, open = false) => ({ list, from, to, open });

describe('the models of an event about the agency itself', () => {
  const agreements = [
    { agencyId: 'a', model: 'WSO', intervals: [iv('participating', '2025-01-01', '2025-03-01')] },
    { agencyId: 'a', model: 'JEM', intervals: [iv('participating', '2025-02-01', '2025-02-20', true)] },
    { agencyId: 'a', model: 'TFM', intervals: [iv('pending', '2025-01-01', '2025-06-01')] },
    { agencyId: 'b', model: 'TFM', intervals: [iv('participating', '2025-01-01', '2025-06-01')] },
  ];
  const ev = (eventId: string, date: string, list = 'participating', model: string | null = null) => ({
    eventId,
    date,
    list,
    agencyId: 'a',
    model,
  });

  it('are the models its agency had on the event’s list that day (an open listing has no end)', () => {
    const m = agencyEventModels(
      [
        ev('e1', '2025-01-15'),
        ev('e2', '2025-02-10'),
        ev('e3', '2025-05-01'),
        ev('e4', '2025-05-01', 'pending'),
        ev('e5', '2025-02-10', 'participating', 'WSO'),
        ev('e6', '2024-12-31'),
      ],
      agreements,
    );
    expect(m.get('e1')).toEqual(['WSO']);
    expect(m.get('e2')).toEqual(['JEM', 'WSO']);
    expect(m.get('e3')).toEqual(['JEM']);
    expect(m.get('e4')).toEqual(['TFM']);
    expect(m.has('e5')).toBe(false);
    expect(m.get('e6')).toEqual([]);
  });
});
