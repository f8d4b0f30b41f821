/** Brotli or gzip for API bodies: which one a client takes, made once per body and kept with it. */
import { brotliCompressSync, gzipSync, constants as zlibConstants } from 'node:zlib';
import type { Cached } from './body-cache.ts';

/** Bodies below this size are sent as they are. */
const COMPRESS_FROM = 1024;

/** The encoding to send: br, else gzip, when the client accepts it (`q=0` refuses). */
export function pickEncoding(header: string | undefined): 'br' | 'gzip' | null {
  if (!header) return null;
  const ok = new Set<string>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((x) => x.trim()).find((x) => x.startsWith('q='));
    if (name && !(q && Number(q.slice(2)) === 0)) ok.add(name);
  }
  if (ok.has('br')) return 'br';
  if (ok.has('gzip')) return 'gzip';
  return null;
}

export function encoded(hit: Cached, enc: 'br' | 'gzip'): Uint8Array<ArrayBuffer> {
  if (enc === 'br')
    hit.br ??= new Uint8Array(
      brotliCompressSync(hit.body, {
        params: {
          [zlibConstants.BROTLI_PARAM_QUALITY]: 5,
          [zlibConstants.BROTLI_PARAM_SIZE_HINT]: hit.body.length,
        },
      }),
    );
  else hit.gzip ??= new Uint8Array(gzipSync(hit.body, { level: 6 }));
  return (enc === 'br' ? hit.br : hit.gzip) as Uint8Array<ArrayBuffer>;
}

/** The encoding a cached body goes out in for this Accept-Encoding (null: as it is). */
export function encodingFor(hit: Cached, acceptEncoding: string | undefined): 'br' | 'gzip' | null {
  return hit.body.length >= COMPRESS_FROM ? pickEncoding(acceptEncoding) : null;
}
