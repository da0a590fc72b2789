/** Flattens nested objects into dot keys (`{amount: {total: 1}}` → `{'amount.total': 1}`); arrays stay whole, as values. */
export function flattenFields(value: Record<string, unknown>, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (v && typeof v === 'object' && !Array.isArray(v)) Object.assign(out, flattenFields(v as Record<string, unknown>, name));
    else out[name] = v;
  }
  return out;
}

/** Sets a dot-key path in a nested object (creating objects on the way); a numeric original keeps its type when the text is a number. */
export function setPath(target: Record<string, unknown>, path: string, text: string): void {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (!next || typeof next !== 'object' || Array.isArray(next)) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  const last = parts[parts.length - 1];
  const before = node[last];
  node[last] = typeof before === 'number' && /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : typeof before === 'boolean' && /^(true|false)$/.test(text) ? text === 'true' : text;
}
