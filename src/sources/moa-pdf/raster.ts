/**
 * A scanned page as a grayscale raster for OCR, without a canvas library: the page's images (decoded by pdf.js:
 * CCITT, JBIG2, JPEG, Flate…) are composited onto a white page through their matrices, at the resolution of the
 * sharpest image (at most `maxDpi`). Text and vector drawing are left out: a page sent to OCR has none worth
 * reading.
 */
import { ImageKind } from 'unpdf/pdfjs';
import { type ImagePlacement, imagePlacements } from './images.ts';
import { type Matrix, type PdfPage, unitBox } from './pdfjs.ts';

/** Bumped when rasterizing changes what OCR sees: part of the OCR cache's key. */
export const RASTER_VERSION = 2;

export interface Raster {
  width: number;
  height: number;
  /** Pixels per inch of the raster. */
  dpi: number;
  /** One byte per pixel, 0 black … 255 white, rows top to bottom. */
  gray: Uint8Array;
}

interface DecodedImage {
  width: number;
  height: number;
  /** ImageKind; MASK for a stencil mask (1 bit per pixel, set bits painted black). */
  kind: number;
  data: Uint8Array | Uint8ClampedArray;
}

const MASK = -1;

export interface RasterOptions {
  maxDpi: number;
  minDpi: number;
  /** Largest raster, in pixels (a bound on memory whatever the page size says). */
  maxPixels: number;
}

export const DEFAULT_RASTER: RasterOptions = { maxDpi: 300, minDpi: 150, maxPixels: 40_000_000 };

function fromObjs(page: PdfPage, name: string): Promise<unknown> {
  return new Promise((resolve) => {
    const store = name.startsWith('g_') ? page.commonObjs : page.objs;
    try {
      store.get(name, resolve);
    } catch {
      resolve(null);
    }
  });
}

async function decoded(page: PdfPage, p: ImagePlacement): Promise<DecodedImage | null> {
  let img = (p.inline ?? (await fromObjs(page, p.name))) as Partial<DecodedImage> | null;
  // A stencil mask names its bits in the page's objects.
  if (p.mask && img && typeof img.data === 'string') {
    const bits = (await fromObjs(page, img.data)) as Partial<DecodedImage> | Uint8Array | null;
    img = bits instanceof Uint8Array ? { ...img, data: bits } : bits ? { ...img, ...bits } : null;
  }
  if (!img?.data || typeof img.data === 'string' || !img.width || !img.height) return null;
  if (p.mask) return { ...(img as DecodedImage), kind: MASK };
  if (!img.kind) return null;
  return img as DecodedImage;
}

/** The image's resolution on the page, in dots per inch (its pixels over its placed width). */
function dpiOf(img: DecodedImage, m: Matrix): number {
  const [x0, , x1] = unitBox(m);
  return (img.width / Math.max(1, x1 - x0)) * 72;
}

/** Gray value (0–255) of image pixel (col, row). */
function sample(img: DecodedImage, col: number, row: number): number {
  const { data, width, kind } = img;
  if (kind === MASK) {
    const stride = (width + 7) >> 3;
    const byte = data[row * stride + (col >> 3)] as number;
    return byte & (0x80 >> (col & 7)) ? 0 : -1;
  }
  if (kind === ImageKind.GRAYSCALE_1BPP) {
    const stride = (width + 7) >> 3;
    const byte = data[row * stride + (col >> 3)] as number;
    return byte & (0x80 >> (col & 7)) ? 255 : 0;
  }
  const n = kind === ImageKind.RGB_24BPP ? 3 : 4;
  const i = (row * width + col) * n;
  return ((data[i] as number) * 299 + (data[i + 1] as number) * 587 + (data[i + 2] as number) * 114) / 1000;
}

/** Paints one image onto the raster (nearest pixel, through the inverse of its matrix). */
function paint(r: Raster, img: DecodedImage, m: Matrix): void {
  const scale = r.dpi / 72;
  const [a, b, c, d, e, f] = m;
  const det = a * d - b * c;
  if (Math.abs(det) < 1e-9) return;
  const [x0, y0, x1, y1] = unitBox(m);
  const px0 = Math.max(0, Math.floor(x0 * scale));
  const px1 = Math.min(r.width, Math.ceil(x1 * scale));
  const py0 = Math.max(0, Math.floor(y0 * scale));
  const py1 = Math.min(r.height, Math.ceil(y1 * scale));
  for (let py = py0; py < py1; py++) {
    const y = (py + 0.5) / scale - f;
    for (let px = px0; px < px1; px++) {
      const x = (px + 0.5) / scale - e;
      // Unit-square coordinates; the image's first row is at v = 1 (the top of the image in PDF space).
      const u = (d * x - c * y) / det;
      const v = (a * y - b * x) / det;
      if (u < 0 || u >= 1 || v < 0 || v >= 1) continue;
      const col = Math.min(img.width - 1, Math.floor(u * img.width));
      const row = Math.min(img.height - 1, Math.floor((1 - v) * img.height));
      const g = sample(img, col, row);
      if (g >= 0) r.gray[py * r.width + px] = g;
    }
  }
}

/** The page's images on a white raster; null when the page paints no image. */
export async function rasterPage(page: PdfPage, o: RasterOptions = DEFAULT_RASTER): Promise<Raster | null> {
  const viewport = page.getViewport({ scale: 1 });
  const images: { img: DecodedImage; m: Matrix }[] = [];
  for (const p of await imagePlacements(page)) {
    const img = await decoded(page, p);
    if (img) images.push({ img, m: p.matrix });
  }
  if (images.length === 0) return null;
  let dpi = Math.min(o.maxDpi, Math.max(o.minDpi, ...images.map((i) => dpiOf(i.img, i.m))));
  const pixels = (w: number) => (viewport.width * w * viewport.height * w) / (72 * 72);
  if (pixels(dpi) > o.maxPixels) dpi = Math.sqrt(o.maxPixels / (viewport.width * viewport.height)) * 72;
  dpi = Math.round(dpi);
  const width = Math.max(1, Math.round((viewport.width * dpi) / 72));
  const height = Math.max(1, Math.round((viewport.height * dpi) / 72));
  const r: Raster = { width, height, dpi, gray: new Uint8Array(width * height).fill(255) };
  for (const { img, m } of images) paint(r, img, m);
  return r;
}
