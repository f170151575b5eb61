/** A Map or a WeakMap: anything that stores a value under a key. */
type Memo<K, V> = { get(key: K): V | undefined; set(key: K, value: V): unknown };

/**
 * `make(key)`, made once and remembered in `memo`: the value a key already has is returned, otherwise made and
 * stored. For answers that are functions of their key alone (a norm set's derived lists, a spelling's reading).
 */
export function remembered<K, V>(memo: Memo<K, V>, key: K, make: (key: K) => V): V {
  let value = memo.get(key);
  if (value === undefined) {
    value = make(key);
    memo.set(key, value);
  }
  return value;
}
