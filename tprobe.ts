import { fitThreshold } from './src/stats/threshold-fit.ts';
import { searchAndHitRates, logPosterior, layout } from './src/stats/threshold-model.ts';
import { createRng } from './src/stats/random.ts';
console.log(searchAndHitRates(0.3, 2, 1.5));
// synthetic: 2 races x 5 subgeos; white t=1.6, black t=1.1
const rng = createRng(5);
const cells = [];
for (let s = 0; s < 5; s++) for (let r = 0; r < 2; r++) {
  const phi = 0.3 + 0.02*s, delta = 1.8, t = r === 0 ? 1.6 : 1.1;
  const stops = 3000; const pr = searchAndHitRates(phi, delta, t);
  let searches = 0, hits = 0;
  for (let i = 0; i < stops; i++) if (rng.uniform() < pr.search) { searches++; if (rng.uniform() < pr.hit) hits++; }
  cells.push({ race: r, subgeo: s, stops, searches, hits });
}
const d = { cells, races: 2, subgeos: 5, priorScale: 1 };
// gradient check
const th = Float64Array.from({length: layout(d).size}, () => rng.uniform()-0.5); const g = new Float64Array(th.length);
const f0 = logPosterior(d, th, g); let worst = 0;
for (let k = 0; k < th.length; k++) { const h = 1e-6; const t2 = Float64Array.from(th); t2[k]! += h; const f1 = logPosterior(d, t2, new Float64Array(th.length)); worst = Math.max(worst, Math.abs((f1-f0)/h - g[k]!)/Math.max(1,Math.abs(g[k]!))); }
console.log('grad rel err', worst);
const t0 = performance.now();
const r = fitThreshold(d, { chains: 4, warmup: +(process.env.W ?? 300), draws: +(process.env.D ?? 300), maxDepth: +(process.env.MD ?? 10), targetAccept: +(process.env.TA ?? 0.95), seed: 1 });
console.log(performance.now() - t0, JSON.stringify(r.thresholds), JSON.stringify(r.differences), r.diagnostics);
