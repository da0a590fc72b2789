/** How long Stripe keeps an idempotency key: keys may be pruned once at least 24 hours old (docs.stripe.com/api/idempotent_requests). */
export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;

/** A saved result under one key, or the mark of a request still being processed. */
export interface IdempotencyEntry {
  /** Method, path and parameters of the first request, canonical. */
  fingerprint: string;
  /** Virtual time of the first request. */
  at: number;
  inFlight: boolean;
  status?: number;
  body?: string;
  /** The Request-Id of the first request (answered as `Original-Request` on replays). */
  requestId: string;
}

/** The account's idempotency keys. */
export interface IdempotencyStore {
  /** The live entry for `key` at virtual time `now` (expired entries are pruned). */
  get(key: string, now: number): IdempotencyEntry | undefined;
  /** Marks `key` as in flight. */
  begin(key: string, fingerprint: string, now: number, requestId: string): IdempotencyEntry;
  /** Saves the result of an in-flight key. */
  save(key: string, status: number, body: string): void;
  /** Forgets an in-flight key whose request must not be saved (validation failures, 500 before processing). */
  drop(key: string): void;
}

/** Creates an empty store. */
export function createIdempotencyStore(): IdempotencyStore {
  const entries = new Map<string, IdempotencyEntry>();
  return {
    get(key, now) {
      const entry = entries.get(key);
      if (entry && !entry.inFlight && now - entry.at >= IDEMPOTENCY_TTL_MS) {
        entries.delete(key);
        return undefined;
      }
      return entry;
    },
    begin(key, fingerprint, now, requestId) {
      const entry: IdempotencyEntry = { fingerprint, at: now, inFlight: true, requestId };
      entries.set(key, entry);
      return entry;
    },
    save(key, status, body) {
      const entry = entries.get(key);
      if (entry) Object.assign(entry, { inFlight: false, status, body });
    },
    drop: (key) => void entries.delete(key),
  };
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
