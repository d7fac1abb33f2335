/**
 * Values derived from what never changes once loaded (a version's text, a trained model), kept in
 * memory up to a count, the oldest dropped first. Never state: a restart or another instance only
 * computes them again.
 */
export class Remembered<K, V> {
  private readonly values = new Map<K, V>();

  constructor(private readonly max: number) {}

  get(key: K, compute: () => V): V {
    if (this.values.has(key)) return this.values.get(key)!;
    const value = compute();
    if (this.values.size >= this.max) this.values.delete(this.values.keys().next().value!);
    this.values.set(key, value);
    return value;
  }

  forget(key: K): void {
    this.values.delete(key);
  }
}
