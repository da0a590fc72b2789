/** Options for {@link buildSignContent}. */
export interface SignContentOptions {
  /** Keys left out of the string (always `sign`; notifies also leave out `sign_type`). */
  exclude?: readonly string[];
}

/**
 * Alipay's string-to-sign: every parameter with a non-empty key and value except the excluded ones,
 * sorted by key (ASCII), joined as `key=value` with `&`, values raw (not URL-encoded).
 */
export function buildSignContent(params: Readonly<Record<string, string | undefined>>, options: SignContentOptions = {}): string {
  const exclude = new Set(['sign', ...(options.exclude ?? [])]);
  return Object.keys(params)
    .filter((key) => key !== '' && !exclude.has(key) && params[key] !== undefined && params[key] !== '')
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((key) => `${key}=${params[key]}`)
    .join('&');
}
