/**
 * Remembers the results of a computation by key, for values that need not be computed again
 * (a closed survey's tallies; an identity provider's key set, which refreshes itself). Calls for one key while it is being computed share the one
 * computation; a failed computation is forgotten, so the next call tries again. At most
 * `capacity` keys are kept, the least recently used forgotten first.
 */
export class BoundedMemo<V> {
  private readonly entries = new Map<string, Promise<V>>();

  constructor(private readonly capacity: number) {}

  get(key: string, compute: () => Promise<V>): Promise<V> {
    const known = this.entries.get(key);
    if (known) {
      // Map keeps insertion order: moving the key to the end makes the first the least recent.
      this.entries.delete(key);
      this.entries.set(key, known);
      return known;
    }
    const computing = compute();
    this.entries.set(key, computing);
    computing.catch(() => {
      if (this.entries.get(key) === computing) this.entries.delete(key);
    });
    if (this.entries.size > this.capacity) {
      this.entries.delete(this.entries.keys().next().value!);
    }
    return computing;
  }
}
