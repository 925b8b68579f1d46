interface Entry<V> {
  value: Promise<V>;
  bytes: number;
}

/**
 * Values that never change once computed (what a commit id names), kept up to `maxBytes` and evicted
 * least recently used first. Concurrent asks for one key share a single load; a failed load is forgotten.
 */
export class ImmutableCache<V> {
  private entries = new Map<string, Entry<V>>();
  private total = 0;
  /** Loads run (misses), for tests and the benchmark. */
  loads = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly sizeOf: (value: V) => number,
  ) {}

  get(key: string, load: () => Promise<V>): Promise<V> {
    const found = this.entries.get(key);
    if (found) {
      // Most recently used last: Map keeps insertion order.
      this.entries.delete(key);
      this.entries.set(key, found);
      return found.value;
    }
    this.loads++;
    const entry: Entry<V> = { value: load(), bytes: 0 };
    this.entries.set(key, entry);
    entry.value.then(
      (value) => {
        if (this.entries.get(key) !== entry) return;
        entry.bytes = this.sizeOf(value);
        this.total += entry.bytes;
        this.evict();
      },
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    return entry.value;
  }

  get size(): number {
    return this.entries.size;
  }

  get bytes(): number {
    return this.total;
  }

  private evict(): void {
    for (const [key, entry] of this.entries) {
      if (this.total <= this.maxBytes) return;
      this.entries.delete(key);
      this.total -= entry.bytes;
    }
  }
}

/** The UTF-16 size of a string, near enough for a memory budget. */
export const textBytes = (text: string | undefined) => (text?.length ?? 0) * 2 + 64;
