/**
 * One computation shared by every caller that asks for the same key and needs nothing newer
 * than its start: the feeds of one user that one burst of events triggers together get one
 * list, since a list computed after the burst's last change reflects all of it. A caller whose
 * data changed after the shared computation began starts a new one. A failed computation is
 * shared by those that joined it and dropped at once, so the next trigger tries again; a
 * finished one is kept `keepMs`.
 */
export class BurstShare<T> {
  private readonly computed = new Map<string, { readonly startedAt: number; readonly value: Promise<T> }>();

  constructor(
    private readonly keepMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /** The shared value for `key` if its computation started after `since`, else a new one. */
  get(key: string, since: number, compute: () => Promise<T>): Promise<T> {
    const shared = this.computed.get(key);
    if (shared && shared.startedAt > since) return shared.value;
    const entry = { startedAt: this.clock(), value: compute() };
    this.computed.set(key, entry);
    const forget = (): void => {
      if (this.computed.get(key) === entry) this.computed.delete(key);
    };
    entry.value.then(() => setTimeout(forget, this.keepMs).unref(), forget);
    return entry.value;
  }

  /** Computations kept now. */
  get size(): number {
    return this.computed.size;
  }
}
