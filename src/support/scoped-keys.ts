/**
 * Composite cache keys (`<scope>#<id>`) made once and reused: a key built per lookup is a new
 * string whose hash the Map computes each time (tens of nanoseconds for a short one, and a
 * list looks up one per history item), a reused one carries its hash. At most `maxIds` keys
 * per scope and `maxScopes` scopes are kept (the oldest scope, then a scope's whole table,
 * dropped first), so what this holds is bounded whatever ids are asked for.
 */
export class ScopedKeys {
  private readonly scopes = new Map<string, Map<string, string>>();

  constructor(
    private readonly maxIds: number,
    private readonly maxScopes = 8,
  ) {}

  key(scope: string, id: string): string {
    let keys = this.scopes.get(scope);
    if (!keys) {
      if (this.scopes.size >= this.maxScopes) this.scopes.delete(this.scopes.keys().next().value as string);
      keys = new Map();
      this.scopes.set(scope, keys);
    }
    let key = keys.get(id);
    if (key === undefined) {
      if (keys.size >= this.maxIds) keys.clear();
      key = `${scope}#${id}`;
      keys.set(id, key);
    }
    return key;
  }

  /** Keys held, over every scope. */
  get held(): number {
    let held = 0;
    for (const keys of this.scopes.values()) held += keys.size;
    return held;
  }
}
