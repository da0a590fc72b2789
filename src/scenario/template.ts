/** Variables visible to a step: scenario vars, built-ins and earlier captures. */
export type Scope = ReadonlyMap<string, unknown>;

const PATTERN = /\$\{([A-Za-z_][\w.]*)(?::-([^}]*))?\}/g;
const WHOLE = /^\$\{([A-Za-z_][\w.]*)(?::-([^}]*))?\}$/;

/** Raised when a template names a variable nobody defined. */
export class TemplateError extends Error {
  readonly code = 'TEMPLATE_UNDEFINED';
  constructor(readonly variable: string) {
    super(`\${${variable}} is not defined: no var, capture or built-in has that name.`);
  }
}

/** The variable names a template string uses (defaults excluded). */
export function templateVariables(text: string): { name: string; hasDefault: boolean }[] {
  return [...text.matchAll(PATTERN)].map((m) => ({ name: m[1], hasDefault: m[2] !== undefined }));
}

/** Expands `${name}` and `${name:-default}` in a string. A string that is exactly one `${name}` keeps the value's type. */
export function expandString(text: string, scope: Scope): unknown {
  const whole = WHOLE.exec(text);
  if (whole) {
    if (scope.has(whole[1]) && scope.get(whole[1]) !== undefined) return scope.get(whole[1]);
    if (whole[2] !== undefined) return whole[2];
    throw new TemplateError(whole[1]);
  }
  return text.replace(PATTERN, (_, name: string, fallback: string | undefined) => {
    const value = scope.get(name);
    if (value !== undefined && value !== null) return typeof value === 'object' ? JSON.stringify(value) : String(value);
    if (fallback !== undefined) return fallback;
    throw new TemplateError(name);
  });
}

/** Expands templates in every string inside a JSON-like value. */
export function expand<T>(value: T, scope: Scope): T {
  if (typeof value === 'string') return expandString(value, scope) as T;
  if (Array.isArray(value)) return value.map((v) => expand(v, scope)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expand(v, scope)])) as T;
  }
  return value;
}

/** Every template variable used anywhere inside a JSON-like value. */
export function collectVariables(value: unknown, out: { name: string; hasDefault: boolean }[] = []): { name: string; hasDefault: boolean }[] {
  if (typeof value === 'string') out.push(...templateVariables(value));
  else if (Array.isArray(value)) for (const v of value) collectVariables(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) collectVariables(v, out);
  return out;
}
