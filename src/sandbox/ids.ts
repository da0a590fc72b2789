import { createHash } from 'node:crypto';

/** A deterministic source of identifiers: the same seed gives the same ids in the same order. */
export interface IdSource {
  /** The next value of a named counter, starting at 1 (`seq('trade')` → 1, 2, ...). */
  seq(name: string): number;
  /** `length` pseudo-random decimal digits. */
  digits(length: number): string;
  /** `length` pseudo-random lowercase hex characters. */
  hex(length: number): string;
  /** `length` pseudo-random characters from [A-Za-z0-9]. */
  alnum(length: number): string;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Creates an id source whose output depends only on `seed` and the order of calls. */
export function createIdSource(seed: string): IdSource {
  const counters = new Map<string, number>();
  let block = 0;
  let pool = Buffer.alloc(0);
  let offset = 0;
  const byte = (): number => {
    if (offset >= pool.length) {
      pool = createHash('sha256').update(`${seed}:${block++}`).digest();
      offset = 0;
    }
    return pool[offset++];
  };
  const pick = (alphabet: string, length: number): string => {
    let out = '';
    while (out.length < length) {
      const b = byte();
      // Rejection sampling keeps every character equally likely.
      if (b < 256 - (256 % alphabet.length)) out += alphabet[b % alphabet.length];
    }
    return out;
  };
  return {
    seq(name) {
      const next = (counters.get(name) ?? 0) + 1;
      counters.set(name, next);
      return next;
    },
    digits: (length) => pick('0123456789', length),
    hex: (length) => pick('0123456789abcdef', length),
    alnum: (length) => pick(ALNUM, length),
  };
}
