import { int, str, type ApiRequest, type ApiResult } from './api.js';
import { invalid, SE } from './errors.js';
import type { StripeObject } from './env.js';

/** A page of a list endpoint, newest first: `limit` (1-100, default 10), `starting_after`, `ending_before`. */
export function listPage(r: ApiRequest, url: string, all: StripeObject[]): ApiResult {
  const limit = int(r.params, 'limit');
  if (typeof limit === 'object') return { ok: false, failure: limit };
  const n = limit ?? 10;
  if (n < 1 || n > 100) return { ok: false, failure: invalid(400, 'This value must be between 1 and 100 (it currently is ' + n + ').', undefined, 'limit', false) };
  // Insertion order is creation order; newest first as Stripe lists.
  const items = [...all].reverse();
  const after = str(r.params, 'starting_after');
  const before = str(r.params, 'ending_before');
  let start = 0;
  let end = items.length;
  if (after) {
    const i = items.findIndex((o) => o.id === after);
    if (i < 0) return { ok: false, failure: SE.noSuch(url.split('/').pop()!.replace(/s$/, ''), after, 'starting_after') };
    start = i + 1;
  }
  if (before) {
    const i = items.findIndex((o) => o.id === before);
    if (i < 0) return { ok: false, failure: SE.noSuch(url.split('/').pop()!.replace(/s$/, ''), before, 'ending_before') };
    end = i;
    start = Math.max(start, end - n);
  }
  const data = items.slice(start, Math.min(end, start + n));
  return { ok: true, json: { object: 'list', data, has_more: start + n < end, url } };
}
