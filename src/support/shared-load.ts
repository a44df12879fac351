/**
 * A value read once and shared until it expires or its key changes. It holds the read in
 * flight, not its result, so requests that find it missing or expired together wait for one
 * read instead of each starting their own. A read that fails is dropped: the next caller reads again.
 */
export class SharedLoad<T> {
  private entry: { readonly key: string; readonly until: number; readonly value: Promise<T> } | undefined;

  get(load: () => Promise<T>, options: { readonly now: number; readonly ttlMs: number; readonly key?: string }): Promise<T> {
    const key = options.key ?? '';
    if (this.entry && this.entry.key === key && this.entry.until > options.now) return this.entry.value;
    const entry = { key, until: options.now + options.ttlMs, value: load() };
    entry.value.catch(() => {
      if (this.entry === entry) this.entry = undefined;
    });
    this.entry = entry;
    return entry.value;
  }

  /** A value known without reading (just written), kept as if it had been read. */
  set(value: T, options: { readonly now: number; readonly ttlMs: number; readonly key?: string }): void {
    this.entry = { key: options.key ?? '', until: options.now + options.ttlMs, value: Promise.resolve(value) };
  }

  forget(): void {
    this.entry = undefined;
  }
}
