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
