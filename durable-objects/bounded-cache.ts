/**
 * A map of values read from SQLite, kept in memory up to a bound (the oldest read first
 * out), for the rows an object asks for on every frame or session (a TeamDO's conversations
 * and visitors, a SiteDO's visitor teams). Memory only: after a wake it starts
 * empty and fills as rows are asked for. The owner forgets or replaces an entry in the same
 * step as the write that changes it.
 */
export const CACHE_BOUND = 4096;

export class BoundedCache<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly bound = CACHE_BOUND) {}

  /** The cached value, or `read()`'s (cached from now on). */
  get(key: string, read: () => V): V {
    if (this.entries.has(key)) return this.entries.get(key) as V;
    const value = read();
    this.put(key, value);
    return value;
  }

  /** The cached value without reading (undefined when not cached). */
  peek(key: string): V | undefined {
    return this.entries.get(key);
  }

  put(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.bound) this.entries.delete(this.entries.keys().next().value as string);
  }

  forget(key: string): void {
    this.entries.delete(key);
  }
}
