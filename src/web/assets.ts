/**
 * Static assets with content-hashed names (`/assets/home-3f9c0a1b2c.js`), served with a year-long immutable cache:
 * the island bundles (esbuild: bundled, minified, ES2020), the stylesheet, the icon, the national map geometry,
 * and the per-ledger-version data files (timeline, search index). Each is precompressed (brotli and gzip) once.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build, transform } from 'esbuild';
import type { AssetUrls } from './context.ts';
import { nationalGeometry } from './geometry.ts';
import { withBase } from './paths.ts';

export interface Asset {
  /** Root-relative path without the base (`/assets/home-….js`). */
  path: string;
  contentType: string;
  body: Buffer;
  gzip: Buffer;
  br: Buffer;
}

/** Islands are bundled from their TypeScript sources in src/, also when the server runs from the compiled build/. */
const here = (p: string) =>
  fileURLToPath(new URL(p, import.meta.url)).replace(`${sep}build${sep}src${sep}`, `${sep}src${sep}`);

export const ISLANDS: Record<string, string> = {
  common: here('./islands/common-entry.ts'),
  home: here('./islands/home.ts'),
  search: here('./islands/search.ts'),
  changes: here('./islands/changes.ts'),
  evidence: here('./islands/evidence.ts'),
  locate: here('./islands/locate.ts'),
};

function hash(body: Buffer | string): string {
  return createHash('sha256').update(body).digest('hex').slice(0, 12);
}

export function makeAsset(
  name: string,
  ext: string,
  contentType: string,
  body: Buffer | string,
  quality = 11,
): Asset {
  const buf = typeof body === 'string' ? Buffer.from(body) : body;
  // Compressed on first use (the server sends them; the static export writes only the bodies).
  let gzip: Buffer | null = null;
  let br: Buffer | null = null;
  return {
    path: `/assets/${name}-${hash(buf)}.${ext}`,
    contentType,
    body: buf,
    get gzip() {
      gzip ??= gzipSync(buf, { level: 9 });
      return gzip;
    },
    get br() {
      br ??= brotliCompressSync(buf, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: quality,
          [constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
        },
      });
      return br;
    },
  };
}

const ICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#0a5fa8"/><path d="M9 23V9h8a4.5 4.5 0 0 1 0 9h-8m7 0 5 5" fill="none" stroke="#fff" stroke-width="3" stroke-linecap="round" stroke-linejoin="round"/></svg>';

export interface StaticAssets {
  css: Asset;
  icon: Asset;
  js: Record<string, Asset>;
  geometry: Asset;
}

let building: Promise<StaticAssets> | null = null;

/** Assets that do not depend on the ledger (built once per process). */
export function staticAssets(): Promise<StaticAssets> {
  building ??= buildStaticAssets().catch((e) => {
    building = null;
    throw e;
  });
  return building;
}

async function buildStaticAssets(): Promise<StaticAssets> {
  const result = await build({
    entryPoints: ISLANDS,
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2020',
    platform: 'browser',
    write: false,
    outdir: '/islands',
    legalComments: 'none',
    logLevel: 'silent',
  });
  const js: Record<string, Asset> = {};
  for (const f of result.outputFiles) {
    const name = f.path.split('/').pop()?.replace(/\.js$/, '') ?? 'island';
    js[name] = makeAsset(name, 'js', 'text/javascript; charset=utf-8', Buffer.from(f.contents));
  }
  const css = await transform(readFileSync(here('./styles.css'), 'utf8'), { loader: 'css', minify: true });
  return {
    css: makeAsset('site', 'css', 'text/css; charset=utf-8', css.code),
    icon: makeAsset('icon', 'svg', 'image/svg+xml', ICON),
    js,
    geometry: makeAsset('counties', 'json', 'application/json', JSON.stringify(nationalGeometry())),
  };
}

export interface DataAssets {
  timeline: Asset;
  searchIndex: Asset;
  zips: Asset;
}

export function assetUrls(base: string, s: StaticAssets, d: DataAssets): AssetUrls {
  const u = (a: Asset) => withBase(base, a.path);
  return {
    css: u(s.css),
    icon: u(s.icon),
    js: Object.fromEntries(Object.entries(s.js).map(([k, a]) => [k, u(a)])),
    geometry: u(s.geometry),
    timeline: u(d.timeline),
    searchIndex: u(d.searchIndex),
    zips: u(d.zips),
  };
}

export function allAssets(s: StaticAssets, d: DataAssets): Asset[] {
  return [s.css, s.icon, s.geometry, ...Object.values(s.js), d.timeline, d.searchIndex, d.zips];
}
