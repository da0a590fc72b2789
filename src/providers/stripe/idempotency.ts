/** How long Stripe keeps an idempotency key: keys may be pruned once at least 24 hours old (docs.stripe.com/api/idempotent_requests). */
export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;

/** What Stripe remembers of a key's first request. */
export interface StripeIdempotencyMeta {
  /** Method, path and parameters of the first request, canonical. */
  fingerprint: string;
  /** The Request-Id of the first request (answered as `Original-Request` on replays). */
  requestId: string;
}

const canonical = (value: unknown): unknown =>
  value && typeof value === 'object' && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => [k, canonical(v)]))
    : Array.isArray(value)
      ? value.map(canonical)
      : value;

/** The fingerprint two requests under one key must share: method, path and parameters (order of keys ignored). */
export function requestFingerprint(method: string, path: string, params: unknown): string {
  return JSON.stringify([method, path, canonical(params)]);
}
