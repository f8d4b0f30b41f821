/** Numbers as pages show them: in the page's language, a dash when unknown. */
import type { RenderCtx } from '../context.ts';
import { formatNumber } from '../i18n.ts';

export function num(ctx: RenderCtx, n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : formatNumber(ctx.lang, n);
}
