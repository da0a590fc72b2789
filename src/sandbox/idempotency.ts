/** A saved answer under one idempotency key, or the mark of a request still being processed. */
export interface IdempotencyEntry<Meta> {
  /** Virtual time of the first request. */
  at: number;
  /** How long the provider keeps the key. */
  ttlMs: number;
  inFlight: boolean;
  status?: number;
  body?: string;
  /** What the provider remembers of the first request (Stripe: its parameters' fingerprint and Request-Id). */
  meta: Meta;
}

/**
 * A provider account's idempotency keys (Stripe's Idempotency-Key, PayPal's PayPal-Request-Id) on the virtual
 * clock: a key is live from its first request until `ttlMs` after it, then forgotten.
 */
export interface IdempotencyStore<Meta = Record<string, never>> {
  /** The live entry for `key` at virtual time `now` (expired entries are pruned). */
  get(key: string, now: number): IdempotencyEntry<Meta> | undefined;
  /** Marks `key` as in flight. */
  begin(key: string, now: number, ttlMs: number, meta: Meta): IdempotencyEntry<Meta>;
  /** Saves the answer of an in-flight key. */
  save(key: string, status: number, body: string): void;
  /** Forgets an in-flight key whose request must not be saved (validation failures, a 500 before processing). */
  drop(key: string): void;
}

/** Creates an empty store. */
export function createIdempotencyStore<Meta = Record<string, never>>(): IdempotencyStore<Meta> {
  const entries = new Map<string, IdempotencyEntry<Meta>>();
  return {
    get(key, now) {
      const entry = entries.get(key);
      if (entry && !entry.inFlight && now - entry.at >= entry.ttlMs) {
        entries.delete(key);
        return undefined;
      }
      return entry;
    },
    begin(key, now, ttlMs, meta) {
      const entry: IdempotencyEntry<Meta> = { at: now, ttlMs, inFlight: true, meta };
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
