/** How long PayPal keeps a PayPal-Request-Id: Orders create/authorize/capture 6 h, Payments capture/refund/void 45 days (developer.paypal.com idempotency guide). */
export const REQUEST_ID_TTL_MS = { orders: 6 * 3_600_000, payments: 45 * 86_400_000 } as const;

/** A saved result under one request id, or the mark of a request still being processed. */
export interface IdempotencyEntry {
  at: number;
  ttlMs: number;
  inFlight: boolean;
  status?: number;
  body?: string;
}

/** The account's PayPal-Request-Id memory, per API. */
export interface IdempotencyStore {
  /** The live entry at virtual time `now` (expired entries are pruned). */
  get(key: string, now: number): IdempotencyEntry | undefined;
  begin(key: string, now: number, ttlMs: number): void;
  save(key: string, status: number, body: string): void;
  drop(key: string): void;
}

/** Creates an empty store. */
export function createIdempotencyStore(): IdempotencyStore {
  const entries = new Map<string, IdempotencyEntry>();
  return {
    get(key, now) {
      const entry = entries.get(key);
      if (entry && !entry.inFlight && now - entry.at >= entry.ttlMs) {
        entries.delete(key);
        return undefined;
      }
      return entry;
    },
    begin: (key, now, ttlMs) => void entries.set(key, { at: now, ttlMs, inFlight: true }),
    save(key, status, body) {
      const entry = entries.get(key);
      if (entry) Object.assign(entry, { inFlight: false, status, body });
    },
    drop: (key) => void entries.delete(key),
  };
}
