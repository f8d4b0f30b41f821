/**
 * The national map: draws every county from the pre-projected geometry, shades them and places the agency dots
 * from the timeline for the chosen date, model and status layers; updates the headline numbers and the table;
 * hover shows a county's or agency's name, a click or tap shows its agencies below the map.
 */

import {
  agenciesShown,
  type CountyShade,
  figuresOn,
  isPoint,
  shadeOn,
  statusOn,
  type TimelineJson,
} from '../../read/timeline.ts';
import { type CompactGeometry, decodeArcs, linesOf, pathOf } from '../geometry-decode.ts';
import { initLang, readJson } from './common.ts';

interface HomeConfig {
  geometry: string;
  timeline: string;
  stateXY: Record<string, [number, number]>;
  defaults: { statuses: string[] };
  messages: {
    lang: 'en' | 'es';
    statAsOf: string;
    tableCaption: string;
    detailsNone: string;
    detailsHint: string;
    play: string;
    pause: string;
    mapTitle: string;
    models: Record<string, string>;
    statuses: Record<string, string>;
    levels: Record<string, string>;
    agencyPath: string;
  };
}

const SVG = 'http://www.w3.org/2000/svg';
initLang();
const cfg = readJson<HomeConfig>('home-config');

function el<K extends keyof SVGElementTagNameMap>(name: K, attrs: Record<string, string | number> = {}) {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

function shadeClass(s: CountyShade | undefined): string {
  if (!s) return '';
  const m = s.models.length > 1 ? 'several' : (s.models[0] ?? 'several');
  return ` s-${s.status} m-${m}`;
}

async function start(c: HomeConfig) {
  const m = c.messages;
  const locale = m.lang === 'es' ? 'es-US' : 'en-US';
  const fmtN = new Intl.NumberFormat(locale);
  const fmtD = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
  const date = (iso: string | undefined) => (iso ? fmtD.format(new Date(`${iso}T00:00:00Z`)) : '');
  const [geo, tl] = await Promise.all([
    fetch(c.geometry).then((r) => r.json() as Promise<CompactGeometry>),
    fetch(c.timeline).then((r) => r.json() as Promise<TimelineJson>),
  ]);
  const mapEl = document.getElementById('map');
  if (!mapEl) return;
  const pts = decodeArcs(geo.arcs);
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (const arc of pts)
    for (const [x, y] of arc) {
      if (x < x0) x0 = x;
      if (y < y0) y0 = y;
      if (x > x1) x1 = x;
      if (y > y1) y1 = y;
    }
  const pad = 8;
  const svg = el('svg', {
    viewBox: `${x0 - pad} ${y0 - pad} ${x1 - x0 + 2 * pad} ${y1 - y0 + 2 * pad}`,
    role: 'img',
    'aria-labelledby': 'map-title',
    'aria-describedby': 'map-desc',
    class: 'national-map',
  });
  const gCounties = el('g', { class: 'counties' });
  const countyPaths = new Map<string, SVGPathElement>();
  const countyName = new Map<string, string>();
  const countyXY = new Map<string, [number, number]>();
  for (const [fips, name, polys, cx, cy] of geo.c) {
    const p = el('path', { d: pathOf(polys, pts), class: 'county', 'data-fips': fips });
    gCounties.append(p);
    countyPaths.set(fips, p);
    countyName.set(fips, name);
    countyXY.set(fips, [cx, cy]);
  }
  const borders = el('path', { d: linesOf(geo.b, pts), class: 'borders' });
  const gPoints = el('g', { class: 'points' });
  svg.append(gCounties, borders, gPoints);
  mapEl.textContent = '';
  mapEl.append(svg);
  const tip = document.createElement('div');
  tip.className = 'map-tip';
  tip.hidden = true;
  tip.setAttribute('aria-hidden', 'true');
  mapEl.append(tip);

  // Agencies by county (for the details panel).
  const byCounty = new Map<string, number[]>();
  tl.agencies.forEach((a, i) => {
    for (const f of a[4]) byCounty.set(f, [...(byCounty.get(f) ?? []), i]);
  });
  const agreementsOf = new Map<number, number[]>();
  tl.agreements.forEach((g, i) => {
    agreementsOf.set(g[0], [...(agreementsOf.get(g[0]) ?? []), i]);
  });

  const controls = document.getElementById('map-controls');
  if (controls) controls.hidden = false;
  const range = document.getElementById('time') as HTMLInputElement | null;
  const out = document.getElementById('time-out');
  const play = document.getElementById('play') as HTMLButtonElement | null;
  const details = document.getElementById('map-details');
  const tableBox = document.getElementById('map-table') as HTMLDetailsElement | null;
  const tbody = document.getElementById('map-table-body');
  const caption = document.getElementById('map-table-caption');
  const checked = (name: string) =>
    new Set(
      Array.from(document.querySelectorAll<HTMLInputElement>(`#map-controls input[name="${name}"]`))
        .filter((i) => i.checked)
        .map((i) => i.value),
    );

  let d = tl.dates.length - 1;
  let selected: { kind: 'county'; fips: string } | { kind: 'agency'; index: number } | null = null;

  const agencyUrl = (id: string) => m.agencyPath.replace('__ID__', encodeURIComponent(id));
  const agencyLine = (i: number) => {
    const a = tl.agencies[i];
    if (!a) return null;
    const li = document.createElement('li');
    const link = document.createElement('a');
    link.href = agencyUrl(a[0]);
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

  function showDetails() {
    if (!details) return;
    details.textContent = '';
    if (!selected) {
      const p = document.createElement('p');
      p.textContent = m.detailsHint;
      details.append(p);
      return;
    }
    const h = document.createElement('h3');
    const ul = document.createElement('ul');
    let any = false;
    if (selected.kind === 'county') {
      const f = selected.fips;
      const st = tl.counties[f]?.[1];
      h.textContent = `${countyName.get(f) ?? f}${st ? `, ${st}` : ''}`;
      for (const i of byCounty.get(f) ?? []) {
        const line = agencyLine(i);
        if (line?.listed) {
          ul.append(line.li);
          any = true;
        }
      }
    } else {
      const a = tl.agencies[selected.index];
      h.textContent = a ? `${a[1]}, ${a[2]}` : '';
      const line = agencyLine(selected.index);
      if (line) {
        ul.append(line.li);
        any = true;
      }
    }
    details.append(h);
    if (any) details.append(ul);
    else {
      const p = document.createElement('p');
      p.textContent = m.detailsNone.replace('{name}', h.textContent ?? '');
      details.append(p);
    }
  }

  function renderTable(models: Set<string>, statuses: Set<string>) {
    if (!tbody || !tableBox?.open) return;
    const shown = agenciesShown(tl, d, models, statuses);
    const rows = [...shown]
      .map(([i, s]) => ({ a: tl.agencies[i], s }))
      .filter((r): r is { a: TimelineJson['agencies'][number]; s: CountyShade } => !!r.a)
      .sort((x, y) => x.a[2].localeCompare(y.a[2]) || x.a[1].localeCompare(y.a[1]));
    const frag = document.createDocumentFragment();
    for (const { a, s } of rows) {
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
          link.href = agencyUrl(a[0]);
          link.textContent = text;
          td.append(link);
        } else td.textContent = text;
        tr.append(td);
      });
      frag.append(tr);
    }
    tbody.textContent = '';
    tbody.append(frag);
  }

  function update() {
    const models = checked('model');
    const statuses = checked('status');
    const shades = shadeOn(tl, d, models, statuses);
    for (const [fips, p] of countyPaths) p.setAttribute('class', `county${shadeClass(shades.get(fips))}`);
    // Dots: at the agency's (first) county, else its state; several at one spot fan out.
    gPoints.textContent = '';
    const spot = new Map<string, number>();
    for (const [i, s] of agenciesShown(tl, d, models, statuses, true)) {
      const a = tl.agencies[i];
      if (!a || !isPoint(a)) continue;
      const xy = (a[4][0] ? countyXY.get(a[4][0]) : undefined) ?? c.stateXY[a[2]];
      if (!xy) continue;
      const key = `${xy[0]},${xy[1]}`;
      const k = spot.get(key) ?? 0;
      spot.set(key, k + 1);
      const r = Math.sqrt(k) * 4;
      const circle = el('circle', {
        cx: Math.round(xy[0] + r * Math.cos(k * 2.4)),
        cy: Math.round(xy[1] + r * Math.sin(k * 2.4)),
        r: 4.5,
        class: `point${shadeClass(s)}`,
        'data-agency': i,
      });
      gPoints.append(circle);
    }
    const f = figuresOn(tl, d);
    const set = (key: string, text: string) => {
      const e = document.querySelector(`[data-stat="${key}"]`);
      if (e) e.textContent = text;
    };
    const hasPop = Object.keys(tl.pop).length > 0;
    set('active', fmtN.format(f.active));
    set('agencies', fmtN.format(f.agencies));
    set('states', fmtN.format(f.states));
    set('pending', fmtN.format(f.pending));
    set('residents', hasPop ? fmtN.format(f.residents) : '—');
    set('hispanic', hasPop ? fmtN.format(f.hispanic) : '—');
    set('asof', m.statAsOf.replace('{date}', date(tl.dates[d])));
    if (out) out.textContent = date(tl.dates[d]);
    if (range) {
      range.value = String(d);
      range.setAttribute('aria-valuetext', date(tl.dates[d]));
    }
    if (caption) caption.textContent = m.tableCaption.replace('{date}', date(tl.dates[d]));
    renderTable(models, statuses);
    showDetails();
  }

  let frame = 0;
  const schedule = () => {
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      update();
    });
  };
  range?.addEventListener('input', () => {
    d = Number(range.value);
    schedule();
  });
  controls?.addEventListener('change', (e) => {
    if ((e.target as HTMLElement).getAttribute('name') !== null && e.target !== range) schedule();
  });
  tableBox?.addEventListener('toggle', () => update());

  let timer: ReturnType<typeof setInterval> | null = null;
  const stop = () => {
    if (timer) clearInterval(timer);
    timer = null;
    if (play) {
      play.textContent = m.play;
      play.setAttribute('aria-pressed', 'false');
    }
  };
  play?.addEventListener('click', () => {
    if (timer) return stop();
    if (d >= tl.dates.length - 1) d = 0;
    play.textContent = m.pause;
    play.setAttribute('aria-pressed', 'true');
    timer = setInterval(() => {
      if (d >= tl.dates.length - 1) return stop();
      d++;
      update();
    }, 150);
  });

  // Hover: a tip with the name; click or tap: the details panel.
  const target = (e: Event) => {
    const t = e.target as Element | null;
    const fips = t?.getAttribute('data-fips');
    if (fips) return { kind: 'county' as const, fips };
    const ag = t?.getAttribute('data-agency');
    if (ag !== null && ag !== undefined) return { kind: 'agency' as const, index: Number(ag) };
    return null;
  };
  svg.addEventListener('pointermove', (e) => {
    const hit = target(e);
    if (!hit) {
      tip.hidden = true;
      return;
    }
    if (hit.kind === 'county') {
      const st = tl.counties[hit.fips]?.[1];
      tip.textContent = `${countyName.get(hit.fips) ?? hit.fips}${st ? `, ${st}` : ''}`;
    } else {
      const a = tl.agencies[hit.index];
      tip.textContent = a ? `${a[1]}, ${a[2]}` : '';
    }
    const box = mapEl.getBoundingClientRect();
    tip.style.left = `${Math.min(e.clientX - box.left + 12, box.width - 160)}px`;
    tip.style.top = `${e.clientY - box.top + 12}px`;
    tip.hidden = false;
  });
  svg.addEventListener('pointerleave', () => {
    tip.hidden = true;
  });
  svg.addEventListener('click', (e) => {
    selected = target(e);
    showDetails();
  });
  mapEl.dataset.ready = 'true';
  update();
}

if (cfg)
  start(cfg).catch((e) => {
    const mapEl = document.getElementById('map');
    if (mapEl) mapEl.textContent = String(e);
  });
