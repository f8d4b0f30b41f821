/**
 * The read model of the current ledger version, kept until the version changes: one model per version, reused by
 * every caller (the API, the pages, the feeds, the downloads) that shares this cache.
 */
import type { Db } from '../store/db.ts';
import { buildView, type LedgerView } from './model.ts';
import { ledgerVersion } from './version.ts';

/**
 * The current view, rebuilt when the ledger's version changes (checked at most once per `checkIntervalMs`).
 * The first call waits for the first build; later, a new version is built in the background while the previous
 * view keeps answering (a full rebuild of the real ledger takes a second or two), unless `refresh()` is awaited.
 */
export class LedgerViews {
  private view: LedgerView | null = null;
  private checkedAt = Number.NEGATIVE_INFINITY;
  private checking: Promise<string> | null = null;
  private building: { version: string; promise: Promise<LedgerView> } | null = null;

  constructor(
    private readonly db: Db,
    private readonly checkIntervalMs = 1000,
    private readonly log: (msg: string) => void = (m) => console.error(m),
    private readonly now: () => Date = () => new Date(),
  ) {}

  private version(): Promise<string> {
    this.checking ??= ledgerVersion(this.db).finally(() => {
      this.checking = null;
    });
    return this.checking;
  }

  private build(version: string): Promise<LedgerView> {
    if (this.building?.version === version) return this.building.promise;
    const promise = buildView(this.db, { version, now: this.now }).then(
      (v) => {
        if (!this.view || Number(v.version) >= Number(this.view.version)) this.view = v;
        if (this.building?.version === version) this.building = null;
        return v;
      },
      (e: unknown) => {
        if (this.building?.version === version) this.building = null;
        throw e;
      },
    );
    this.building = { version, promise };
    return promise;
  }

  async current(): Promise<LedgerView> {
    const view = this.view;
    if (view && performance.now() - this.checkedAt < this.checkIntervalMs) return view;
    if (!view) return this.refresh();
    this.checkedAt = performance.now();
    const version = await this.version();
    if (version !== view.version)
      this.build(version).catch((e: unknown) =>
        this.log(`api: rebuilding the views failed: ${e instanceof Error ? (e.stack ?? e.message) : e}`),
      );
    return this.view ?? view;
  }

  /** The view of the ledger as it is now (waits for a rebuild when the ledger changed). */
  async refresh(): Promise<LedgerView> {
    const version = await this.version();
    this.checkedAt = performance.now();
    if (this.view?.version === version) return this.view;
    return this.build(version);
  }
}
