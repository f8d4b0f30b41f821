/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/** What a page says when the ledger holds no ICE list yet: how to load one, with the exact commands. */
import type { RenderCtx } from '../context.ts';

/** The commands that load a ledger (the terminal prints the same: cli/serve.ts). */
export const LOAD_COMMANDS = {
  sync: 'npx reassess sync',
  backfill: 'npx reassess backfill',
  ingest: 'npx reassess ingest PATH...',
} as const;

export function EmptyLedger({ ctx }: { ctx: RenderCtx }) {
  const { t } = ctx;
  return (
    <section class="empty-ledger" aria-labelledby="empty-title">
      <h2 id="empty-title">{t('emptyTitle')}</h2>
      <p>{t('emptyText')}</p>
      <ul>
        <li>
          <code>{LOAD_COMMANDS.sync}</code> — {t('emptySync')}
        </li>
        <li>
          <code>{LOAD_COMMANDS.backfill}</code> — {t('emptyBackfill')}
        </li>
        <li>
          <code>{LOAD_COMMANDS.ingest}</code> — {t('emptyIngest')}
        </li>
      </ul>
      <p>{t('emptyReload')}</p>
    </section>
  );
}
