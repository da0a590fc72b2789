import type { LedgerOrder } from '../../../sandbox/ledger.js';
import type { AlipayFailure } from '../codes.js';
import type { AlipayEnv } from '../env.js';

/** One verified gateway call, as a method handler sees it. */
export interface MethodRequest {
  env: AlipayEnv;
  method: string;
  /** Every request parameter (query and body), decoded with the request charset. */
  params: Record<string, string>;
  /** The parsed `biz_content`. */
  biz: Record<string, unknown>;
  /** Virtual time of the call (the clock of the scenario it belongs to). */
  now: number;
  scenarioId?: string;
  /** The trade the call names, looked up before processing (undefined if none). */
  trade?: LedgerOrder;
}

/** What a method answers: its response fields, or a refusal; with the trade it concerns. */
export type MethodResult =
  | { ok: true; fields: Record<string, unknown>; order?: LedgerOrder }
  | { ok: false; failure: AlipayFailure; order?: LedgerOrder };

/** A gateway method: `api` methods answer signed JSON, `page` methods send the buyer's browser to the cashier. */
export interface MethodSpec {
  kind: 'api' | 'page';
  /** Finds the trade a call concerns before it is processed (so the journal and fault rules see it). */
  locate?(env: AlipayEnv, biz: Record<string, unknown>): LedgerOrder | undefined;
  run(request: MethodRequest): MethodResult;
}

/** A string business parameter, or undefined when absent or empty. */
export function str(biz: Record<string, unknown>, key: string): string | undefined {
  const v = biz[key];
  if (typeof v === 'string') return v === '' ? undefined : v;
  if (typeof v === 'number') return String(v);
  return undefined;
}
