/**
 * Composite cache keys (`<scope>#<id>`) made once and reused. A key built per lookup is a new
 * string the Map must flatten and hash every time (for the artefact cache's ~30-character
 * keys, about 40 µs per list of 90 history items); a reused key carries its hash. At most
 * `maxKeys` keys are held in all (then all are dropped and made again as asked) and at most
 * `maxScopes` scopes (the oldest dropped for a new one), so what this holds is bounded
 * whatever ids are asked for; a key held is usually the very string the cache holds too.
 */
export class ScopedKeys {
  private readonly scopes = new Map<string, Map<string, string>>();
  private count = 0;

  constructor(
    private readonly maxKeys: number,
    private readonly maxScopes = 8,
  ) {}

  key(scope: string, id: string): string {
    let keys = this.scopes.get(scope);
    const known = keys?.get(id);
    if (known !== undefined) return known;
    if (this.count >= this.maxKeys) {
      this.scopes.clear();
      this.count = 0;
      keys = undefined;
    }
    if (!keys) {
      const oldest = this.scopes.size >= this.maxScopes ? this.scopes.entries().next().value : undefined;
      if (oldest) {
        this.scopes.delete(oldest[0]);
        this.count -= oldest[1].size;
      }
      keys = new Map();
      this.scopes.set(scope, keys);
    }
    const key = `${scope}#${id}`;
    keys.set(id, key);
    this.count++;
    return key;
  }

  /** Keys held, over every scope. */
  get held(): number {
    return this.count;
  }
}
