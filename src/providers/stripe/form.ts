/** A decoded form value: a string, a nested object (`a[b]=`) or an array (`a[]=` / `a[0]=`). */
export type FormValue = string | FormValue[] | { [key: string]: FormValue };

/** A problem found while decoding, e.g. a key used both as a scalar and as a hash. */
export class FormParseError extends Error {}

const splitKey = (key: string): string[] => {
  const first = key.indexOf('[');
  if (first <= 0) return [key];
  const parts = [key.slice(0, first)];
  const re = /\[([^\]]*)\]/g;
  let m: RegExpExecArray | null;
  let end = first;
  while ((m = re.exec(key)) && m.index === end) {
    parts.push(m[1]);
    end = re.lastIndex;
  }
  if (end !== key.length) throw new FormParseError(`Invalid array or hash key: ${key}`);
  return parts;
};

/** Decodes Stripe's form encoding with bracket nesting (qs "indices" and "brackets" styles) into nested values. */
export function parseStripeForm(text: string): Record<string, FormValue> {
  const root: Record<string, FormValue> = {};
  for (const [rawKey, value] of new URLSearchParams(text)) {
    const parts = splitKey(rawKey);
    let node: Record<string, FormValue> | FormValue[] = root;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      const last = i === parts.length - 1;
      const nextIsArray = !last && (parts[i + 1] === '' || /^\d+$/.test(parts[i + 1]));
      const fresh = (): FormValue => (nextIsArray ? [] : {});
      if (Array.isArray(node)) {
        const index = part === '' ? node.length : Number(part);
        if (last) node[index] = value;
        else node = (node[index] ??= fresh()) as Record<string, FormValue> | FormValue[];
      } else {
        if (last) {
          if (typeof node[part] === 'object') throw new FormParseError(`Invalid value for ${rawKey}: it is also used as a hash or array.`);
          node[part] = value;
        } else {
          const existing = node[part];
          if (typeof existing === 'string') throw new FormParseError(`Invalid hash for ${rawKey}: ${parts.slice(0, i + 1).join('.')} already holds a string.`);
          node = (node[part] ??= fresh()) as Record<string, FormValue> | FormValue[];
        }
      }
    }
  }
  return compact(root) as Record<string, FormValue>;
}

// `a[1]=x` alone leaves a hole at 0; Stripe reads indices as positions, so holes are dropped.
const compact = (value: FormValue): FormValue =>
  Array.isArray(value) ? value.filter((v) => v !== undefined).map(compact) : typeof value === 'object' ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, compact(v)])) : value;

/** Flattens nested values back to `a[b]` keys, for the journal's fields. */
export function flattenForm(value: Record<string, FormValue>, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    const key = prefix ? `${prefix}[${k}]` : k;
    if (typeof v === 'string') out[key] = v;
    else Object.assign(out, flattenForm(Array.isArray(v) ? Object.fromEntries(v.map((x, i) => [String(i), x])) : v, key));
  }
  return out;
}
