/** Whether `path` is a supported JSON path: `$`, `$.a.b`, `$.items[0].id`, `$["odd key"]`. */
export function isJsonPath(path: string): boolean {
  return /^\$((\.[A-Za-z_$][\w$-]*)|(\[\d+\])|(\["[^"]*"\]))*$/.test(path);
}

/** Reads `path` from a JSON value; undefined if any segment is missing. */
export function readJsonPath(value: unknown, path: string): unknown {
  if (!isJsonPath(path)) throw new Error(`Unsupported JSON path ${path}; use $.a.b or $.items[0].id.`);
  let current: unknown = value;
  for (const m of path.slice(1).matchAll(/\.([A-Za-z_$][\w$-]*)|\[(\d+)\]|\["([^"]*)"\]/g)) {
    if (current === null || typeof current !== 'object') return undefined;
    const key = m[1] ?? m[3] ?? Number(m[2]);
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}
