/** A path of keys and indexes into a JSON value. */
export type JsonPath = Array<string | number>;

/** Every position in a JSON value (the root, each member, each element), or only its string leaves. */
export function jsonPaths(value: unknown, only?: "strings", path: JsonPath = []): JsonPath[] {
  const here = only === "strings" ? (typeof value === "string" ? [path] : []) : [path];
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => jsonPaths(v, only, [...path, i]))];
  if (value && typeof value === "object")
    return [...here, ...Object.entries(value).flatMap(([k, v]) => jsonPaths(v, only, [...path, k]))];
  return here;
}

/** A copy of `value` with the member at `path` replaced by `f(old)`. */
export function replaceAt(value: unknown, path: JsonPath, f: (old: unknown) => unknown): unknown {
  if (path.length === 0) return f(value);
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>;
  const [head, ...rest] = path as [string | number, ...JsonPath];
  copy[head] = replaceAt(copy[head], rest, f);
  return copy;
}
