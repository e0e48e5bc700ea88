/**
 * What was made of the last few objects (the trees the rules and editions look at), by
 * identity: a tree's index or notes are made once while the rules and editions of that
 * article ask for them, and let go a few articles later.
 *
 * Not a `WeakMap`: V8's young-generation collection (a scavenge) keeps the values of a
 * `WeakMap` that has been promoted alive whatever their keys, and drops an entry only after
 * copying its value. Each article's tree is young and the map old, so every tree indexed
 * since the last scavenge was copied by it, through its index: 34 MB in 24 scavenges
 * (about a fifth of what a check allocates) for 1,000 plain articles, where a check's own
 * state is one article. Here a tree's entry goes once `size` newer ones came: two by
 * default, since what is kept is copied by a scavenge too (four kept trees: 8.5 MB
 * copied for those 1,000 articles, two 6.4 MB, one 5.4 MB), and one would make again
 * what a reader of two trees in turn asks for.
 */
export class Recent<K extends object, V> {
  private readonly keys: K[] = [];
  private readonly values: V[] = [];

  constructor(private readonly size = 2) {}

  /** The value made of `key`, if it is among the last `size` keys set. */
  get(key: K): V | undefined {
    const index = this.keys.indexOf(key);
    return index === -1 ? undefined : this.values[index];
  }

  /** Remember `value` for `key` (in place of an older one for it), forgetting the oldest beyond `size`. */
  set(key: K, value: V): void {
    const index = this.keys.indexOf(key);
    if (index !== -1) {
      this.keys.splice(index, 1);
      this.values.splice(index, 1);
    }
    this.keys.unshift(key);
    this.values.unshift(value);
    if (this.keys.length > this.size) {
      this.keys.length = this.size;
      this.values.length = this.size;
    }
  }
}
