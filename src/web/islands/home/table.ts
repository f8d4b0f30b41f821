/**
 * The table alternative to the map: its caption names the date; while it is open, its rows are the agencies
 * shown (name linked, state, counties, level, models, status), by state then name. Opening it redraws.
 */
import type { TimelineJson } from '../../../read/timeline.ts';
import { tableRows } from '../../map-layers.ts';
import type { HomeMessages } from './config.ts';
import { agencyUrl } from './names.ts';

export function mapTable(
  tl: TimelineJson,
  m: HomeMessages,
  countyName: Map<string, string>,
  redraw: () => void,
) {
  const tableBox = document.getElementById('map-table') as HTMLDetailsElement | null;
  const tbody = document.getElementById('map-table-body');
  const caption = document.getElementById('map-table-caption');
  tableBox?.addEventListener('toggle', () => redraw());
  return (d: number, models: Set<string>, statuses: Set<string>, day: string) => {
    if (caption) caption.textContent = m.tableCaption.replace('{date}', day);
    if (!tbody || !tableBox?.open) return;
    const frag = document.createDocumentFragment();
    for (const { a, shade: s } of tableRows(tl, d, models, statuses)) {
      const tr = document.createElement('tr');
      const cells = [
        a[1],
        a[2],
        a[4].map((f) => tl.counties[f]?.[0] ?? countyName.get(f) ?? f).join(', '),
        m.levels[a[3]] ?? a[3],
        s.models.join(' '),
        m.statuses[s.status] ?? s.status,
      ];
      cells.forEach((text, k) => {
        const td = document.createElement('td');
        if (k === 0) {
          const link = document.createElement('a');
          link.href = agencyUrl(m, a[0]);
          link.textContent = text;
          td.append(link);
        } else td.textContent = text;
        tr.append(td);
      });
      frag.append(tr);
    }
    tbody.textContent = '';
    tbody.append(frag);
  };
}
