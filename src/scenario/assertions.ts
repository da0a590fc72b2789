import type { Sandbox } from '../sandbox/sandbox.js';
import type { CallbackEntry, JournalEntry, RequestEntry } from '../sandbox/journal.js';
import type { LedgerOrder } from '../sandbox/ledger.js';
import { formatDuration, parseDuration } from '../util/duration.js';
import { countMatches } from './count.js';
import type { HookCallResult } from './hook-client.js';
import type { Failure } from './result.js';
import type { ExpectSpec } from './schema.js';
import { expand, type Scope } from './template.js';

/** What assertions may look at after a step ran. */
export interface AssertionContext {
  expect: ExpectSpec;
  scope: Scope;
  sandbox: Sandbox;
  provider: string;
  /** Every journal entry of the scenario so far (computed on demand: it scans the whole run's journal). */
  scenarioEntries: () => JournalEntry[];
  /** Callback attempts sent by this step. */
  stepCallbacks: CallbackEntry[];
  hook?: { name: string; result: HookCallResult };
  /** Merchant status values per canonical status. */
  statuses?: Record<string, string | string[]>;
  order: () => LedgerOrder;
  /** Every order of the scenario at this provider. */
  orders: () => LedgerOrder[];
}

const httpMatches = (expected: number | string, status: number): boolean => {
  if (typeof expected === 'number') return status === expected;
  if (expected === 'error') return status >= 400;
  return Math.floor(status / 100) === Number(expected[0]);
};

const same = (a: unknown, b: unknown): boolean => String(a) === String(b);

const statusValues = (canonical: string, statuses?: Record<string, string | string[]>): string[] => {
  const mapped = statuses?.[canonical];
  return mapped === undefined ? [canonical, canonical.toUpperCase()] : Array.isArray(mapped) ? mapped : [mapped];
};

function checkHook(ctx: AssertionContext, out: Failure[]): void {
  const { expect: e, hook } = ctx;
  if (!hook) return;
  const { name, result } = hook;
  if (e.http !== undefined) {
    if (!httpMatches(e.http, result.status)) out.push({ message: `hook ${name} answered HTTP ${result.status}`, expected: e.http, actual: result.status });
  } else if (result.status < 200 || result.status > 299) {
    out.push({ message: `hook ${name} answered HTTP ${result.status}; expected 2xx (add expect.http to expect another status)`, expected: '2xx', actual: result.status });
  }
  if (e.status !== undefined) {
    const actual = result.captures.status;
    const allowed = statusValues(e.status, ctx.statuses);
    if (!allowed.some((v) => same(v, actual))) {
      out.push({ message: `merchant status is not ${e.status}`, expected: `${e.status} (${allowed.join(' or ')})`, actual: actual === undefined ? '(no status captured)' : actual });
    }
  }
  for (const [k, v] of Object.entries(e.values ?? {})) {
    const expected = expand(v, ctx.scope);
    const actual = result.captures[k];
    if (!same(expected, actual)) out.push({ message: `captured ${k} differs`, expected, actual: actual === undefined ? '(not captured)' : actual });
  }
}

function checkAck(ctx: AssertionContext, out: Failure[]): void {
  const want = ctx.expect.ack;
  if (!want) return;
  const firsts = ctx.stepCallbacks;
  if (!firsts.length) {
    out.push({ message: 'no callback was delivered by this step', expected: `ack ${want}`, actual: 'no delivery' });
    return;
  }
  const bad = firsts.filter((c) => c.acked !== (want === 'accepted'));
  if (bad.length) {
    const c = bad[0];
    const answer = c.response ? `HTTP ${c.response.status} ${JSON.stringify(c.response.body.slice(0, 120))}` : c.error ?? 'no answer';
    out.push({
      message: `${bad.length} of ${firsts.length} callback${firsts.length > 1 ? 's were' : ' was'} ${want === 'accepted' ? 'not acknowledged' : 'acknowledged'} (variant ${c.variant})`,
      expected: want === 'accepted' ? "an answer meeting the provider's ack rule" : 'a rejection',
      actual: answer,
    });
  }
}

function checkProviderCall(ctx: AssertionContext, out: Failure[]): void {
  const e = ctx.expect;
  if (!e.providerCall) return;
  const fields = expand(e.fields ?? {}, ctx.scope);
  const calls = ctx.scenarioEntries().filter((x): x is RequestEntry => x.kind === 'request' && x.api === e.providerCall);
  const matching = calls.filter((c) => Object.entries(fields).every(([k, v]) => same(c.fields?.[k], v)));
  const times = e.times ?? '>=1';
  if (!countMatches(times, matching.length)) {
    const seen = calls.map((c) => Object.fromEntries(Object.keys(fields).map((k) => [k, c.fields?.[k]])));
    out.push({
      message: `the merchant called ${e.providerCall} ${matching.length} time${matching.length === 1 ? '' : 's'}${Object.keys(fields).length ? ' with those fields' : ''}`,
      expected: { times, ...(Object.keys(fields).length ? { fields } : {}) },
      actual: Object.keys(fields).length ? { times: matching.length, calls: seen } : matching.length,
    });
  }
  for (const [field, count] of Object.entries(e.distinct ?? {})) {
    // A call without the field (no request number, no idempotency key) is an operation of its own: never the same as another.
    const values = new Set(matching.map((c, i) => (c.fields?.[field] === undefined ? `absent#${i}` : JSON.stringify(c.fields[field]))));
    if (!countMatches(count, values.size)) {
      out.push({ message: `${e.providerCall} calls used ${values.size} distinct ${field} value${values.size === 1 ? '' : 's'}`, expected: count, actual: [...values].map((v) => (v.startsWith('absent#') ? '(absent)' : JSON.parse(v))) });
    }
  }
}

function checkLedger(ctx: AssertionContext, out: Failure[]): void {
  const e = ctx.expect.ledger;
  if (!e) return;
  if (e.orders !== undefined) {
    const n = ctx.orders().length;
    if (!countMatches(e.orders, n)) out.push({ message: `the merchant created ${n} ${ctx.provider} order${n === 1 ? '' : 's'} at the sandbox in this scenario`, expected: e.orders, actual: n });
  }
  if (e.status === undefined && e.state === undefined && e.refunded === undefined && e.refunds === undefined) return;
  const order = ctx.order();
  const runtime = ctx.sandbox.runtime(ctx.provider);
  if (e.status !== undefined && order.status !== e.status) out.push({ message: `sandbox order ${order.merchantOrderId} is ${order.status}`, expected: e.status, actual: order.status });
  if (e.state !== undefined && order.providerState !== e.state) out.push({ message: `sandbox trade state is ${order.providerState}`, expected: e.state, actual: order.providerState });
  if (e.refunded !== undefined) {
    const actual = runtime.formatAmount(order.refunded, order.currency);
    const expected = String(expand(e.refunded, ctx.scope));
    if (actual !== expected) out.push({ message: `sandbox refunded ${actual} of order ${order.merchantOrderId}`, expected, actual });
  }
  if (e.refunds !== undefined) {
    const n = order.refunds.filter((r) => r.status === 'succeeded').length;
    if (!countMatches(e.refunds, n)) out.push({ message: `sandbox holds ${n} successful refund${n === 1 ? '' : 's'}`, expected: e.refunds, actual: n });
  }
}

function checkCallbacks(ctx: AssertionContext, out: Failure[]): void {
  const e = ctx.expect.callbacks;
  if (!e) return;
  const callbacks = ctx.scenarioEntries().filter((x): x is CallbackEntry => x.kind === 'callback');
  const last = callbacks[callbacks.length - 1];
  if (!last) {
    out.push({ message: 'no callback has been sent in this scenario', expected: e, actual: 'none' });
    return;
  }
  const attempts = callbacks.filter((c) => c.deliveryId === last.deliveryId);
  if (e.attempts !== undefined && !countMatches(e.attempts, attempts.length)) {
    out.push({ message: `the latest ${last.event} notification was attempted ${attempts.length} time${attempts.length === 1 ? '' : 's'}`, expected: e.attempts, actual: attempts.length });
  }
  const acked = attempts.some((a) => a.acked);
  if (e.acked !== undefined && acked !== e.acked) {
    const final = attempts[attempts.length - 1];
    out.push({
      message: `the latest ${last.event} notification was ${acked ? '' : 'never '}acknowledged`,
      expected: e.acked ? 'acknowledged' : 'never acknowledged',
      actual: final.response ? `last answer HTTP ${final.response.status} ${JSON.stringify(final.response.body.slice(0, 120))}` : final.error,
    });
  }
  if (e.schedule) {
    const actual = attempts.map((a) => formatDuration(a.at - attempts[0].at));
    const expected = e.schedule.map((d) => formatDuration(parseDuration(d)!));
    if (actual.join(',') !== expected.join(',')) out.push({ message: 'the delivery attempts do not follow the expected schedule', expected, actual });
  }
}

/** Checks a step's expectations; returns every one that did not hold. */
export function checkExpectations(ctx: AssertionContext): Failure[] {
  const out: Failure[] = [];
  checkHook(ctx, out);
  checkAck(ctx, out);
  checkProviderCall(ctx, out);
  checkLedger(ctx, out);
  checkCallbacks(ctx, out);
  return out;
}
