/**
 * The details panel below the map: for the selected county, its agencies listed on the date; for the selected
 * agency, itself; each with a link and its agreements' models and statuses (or a hint when nothing is selected).
 * A selected county's name links to its page.
 */
import { statusOn, type TimelineJson } from '../../../read/timeline.ts';
import type { HomeMessages } from './config.ts';
import { agencyUrl, type Selection } from './names.ts';

export function detailsPanel(tl: TimelineJson, m: HomeMessages, name: (s: Selection) => string) {
  const details = document.getElementById('map-details');
  // Agencies by county (for the details panel).
  const byCounty = new Map<string, number[]>();
  tl.agencies.forEach((a, i) => {
    for (const f of a[4]) byCounty.set(f, [...(byCounty.get(f) ?? []), i]);
  });
  const agreementsOf = new Map<number, number[]>();
  tl.agreements.forEach((g, i) => {
    agreementsOf.set(g[0], [...(agreementsOf.get(g[0]) ?? []), i]);
  });

  const agencyLine = (i: number, d: number) => {
    const a = tl.agencies[i];
    if (!a) return null;
    const li = document.createElement('li');
    const link = document.createElement('a');
    link.href = agencyUrl(m, a[0]);
    link.textContent = a[1];
    const parts: string[] = [];
    for (const gi of agreementsOf.get(i) ?? []) {
      const g = tl.agreements[gi];
      if (!g) continue;
      const s = statusOn(g[2], d);
      if (s) parts.push(`${g[1]} ${m.statuses[s] ?? s}`);
    }
    li.append(link, ` — ${m.levels[a[3]] ?? a[3]}${parts.length ? `: ${parts.join(', ')}` : ''}`);
    return { li, listed: parts.length > 0 };
  };

  return (selected: Selection | null, d: number) => {
    if (!details) return;
    details.textContent = '';
    if (!selected) return details.append(para(m.detailsHint));
    const h = document.createElement('h3');
    const ul = document.createElement('ul');
    let any = false;
    h.textContent = name(selected);
    if (selected.kind === 'county') {
      // The county's name opens its page.
      const link = document.createElement('a');
      link.href = m.countyPath.replace('__ID__', encodeURIComponent(selected.fips));
      link.textContent = h.textContent;
      h.textContent = '';
      h.append(link);
      for (const i of byCounty.get(selected.fips) ?? []) {
        const line = agencyLine(i, d);
        if (line?.listed) {
          ul.append(line.li);
          any = true;
        }
      }
    } else {
      const line = agencyLine(selected.index, d);
      if (line) {
        ul.append(line.li);
        any = true;
      }
    }
    details.append(h);
    if (any) details.append(ul);
    else details.append(para(m.detailsNone.replace('{name}', h.textContent ?? '')));
  };
}

function para(text: string): HTMLParagraphElement {
  const p = document.createElement('p');
  p.textContent = text;
  return p;
}
