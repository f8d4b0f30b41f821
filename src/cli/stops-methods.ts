/** The options of each `reassess stops METHOD` command, parsed from the command line into the method's call. */
import type { AnalyzeDeps } from '../analyze/deps.ts';
import type { MethodReport } from '../analyze/method-result.ts';
import { UsageError } from '../domain/errors.ts';
import type { Context } from './context.ts';

interface Parsers {
  str: (ctx: Context, name: string) => string | undefined;
  int: (ctx: Context, name: string) => number | undefined;
  windowFlags: (ctx: Context) => { from?: string; to?: string };
}

type Runner = (
  deps: AnalyzeDeps,
  id: string,
) => Promise<{ reports: MethodReport[]; options: Record<string, unknown> }>;

const defined = <T extends Record<string, unknown>>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

export function runners(
  ctx: Context,
  p: Parsers,
): Record<'rates' | 'vod' | 'threshold' | 'before-after', Runner> {
  return {
    vod: async (deps, id) => {
      const { runVod } = await import('../analyze/vod.ts');
      const options = defined({
        ...p.windowFlags(ctx),
        adjust: p.str(ctx, 'adjust'),
        roundMinutes: p.int(ctx, 'round-minutes'),
        df: p.int(ctx, 'df'),
        dst: ctx.flags.dst === true ? true : undefined,
      });
      return { reports: await runVod(deps, id, options), options };
    },
    rates: async (deps, id) => {
      const { runRates } = await import('../analyze/rates.ts');
      const { parsePopulation } = await import('../analyze/population.ts');
      const pop = p.str(ctx, 'population');
      const options = defined({ ...p.windowFlags(ctx), population: pop ? parsePopulation(pop) : undefined });
      return { reports: await runRates(deps, id, options), options };
    },
    threshold: async (deps, id) => {
      const { runThreshold } = await import('../analyze/threshold.ts');
      const options = defined({ ...p.windowFlags(ctx), seed: p.int(ctx, 'seed') });
      return { reports: await runThreshold(deps, id, options), options };
    },
    'before-after': async (deps, id) => {
      const { runBeforeAfter } = await import('../analyze/before-after.ts');
      const design = p.str(ctx, 'design');
      if (design !== undefined && !['did', 'event', 'spillover'].includes(design))
        throw new UsageError('--design must be did, event or spillover');
      const options = defined({
        ...p.windowFlags(ctx),
        design: design as 'did' | 'event' | 'spillover' | undefined,
        unit: p.str(ctx, 'unit'),
        treated: p.str(ctx, 'treated'),
        agreement: p.str(ctx, 'agreement'),
        seed: p.int(ctx, 'seed'),
      });
      return { reports: await runBeforeAfter(deps, id, options), options };
    },
  };
}
