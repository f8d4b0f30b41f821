/**
 * Where a page paints its images: the operator list walked with its graphics-state stack (save, restore,
 * transform, form XObjects), each image op giving the image's name and its matrix from image space (the unit
 * square) to the viewport (points, origin top-left). Scanned pages are one or a few page-sized images.
 */
import { OPS } from 'unpdf/pdfjs';
import { type Matrix, multiply, type PdfPage, unitBox } from './pdfjs.ts';

export interface ImagePlacement {
  name: string;
  /** Image space → viewport (points from the top-left). */
  matrix: Matrix;
  /** The operator's own arguments (an inline image carries its data here). */
  inline: unknown;
  /** A stencil mask (1 bit per pixel) painted in the fill colour: how some scanners store the text layer. */
  mask?: boolean;
}

/** Every image the page paints, in painting order. */
export async function imagePlacements(page: PdfPage): Promise<ImagePlacement[]> {
  const viewport = page.getViewport({ scale: 1 });
  const ops = await page.getOperatorList();
  const out: ImagePlacement[] = [];
  const stack: Matrix[] = [];
  let ctm: Matrix = viewport.transform as Matrix;
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    const args = ops.argsArray[i] as unknown[];
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform) ctm = multiply(ctm, args as number[]);
    else if (fn === OPS.paintFormXObjectBegin) {
      stack.push(ctm);
      if (Array.isArray(args[0])) ctm = multiply(ctm, args[0] as number[]);
    } else if (fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.paintImageXObject) out.push({ name: String(args[0]), matrix: ctm, inline: null });
    else if (fn === OPS.paintInlineImageXObject) out.push({ name: '', matrix: ctm, inline: args[0] });
    else if (fn === OPS.paintImageMaskXObject)
      out.push({ name: '', matrix: ctm, inline: args[0], mask: true });
  }
  return out;
}

/** Share of the page's area that its images cover (overlaps counted once per image, capped at 1). */
export function imageCoverage(placements: ImagePlacement[], width: number, height: number): number {
  let area = 0;
  for (const p of placements) {
    const [x0, y0, x1, y1] = unitBox(p.matrix);
    const w = Math.max(0, Math.min(width, x1) - Math.max(0, x0));
    const h = Math.max(0, Math.min(height, y1) - Math.max(0, y0));
    area += w * h;
  }
  return Math.min(1, area / Math.max(1, width * height));
}
