import type { Redactor } from './redact.js';

/** What was said over HTTP, with secrets already redacted. */
export interface JournalMessage {
  headers: Record<string, string>;
  body: string;
}

interface EntryBase {
  /** Position in the journal, from 1. */
  seq: number;
  provider: string;
  /** Virtual time of the entry. */
  at: number;
  /** The scenario this entry was recorded for, when known at the time. See {@link Journal.forScenario}. */
  scenarioId?: string;
  /** The ledger order the entry concerns. */
  orderRef?: string;
}

/** A request the merchant (or a buyer's browser) sent to a sandbox, and the answer. */
export interface RequestEntry extends EntryBase {
  kind: 'request';
  method: string;
  /** The URL as the provider would have seen it (its real origin). */
  url: string;
  path: string;
  /** The provider API this was, e.g. `alipay.trade.precreate`; absent for unknown routes. */
  api?: string;
  /** The business fields of the call, flattened (e.g. Alipay's biz_content). */
  fields?: Record<string, unknown>;
  request: JournalMessage;
  response: { status: number } & JournalMessage;
  /** A fault the sandbox injected into this exchange, if any. */
  fault?: string;
  /** Set when no route matched. */
  unhandled?: boolean;
  /** Set when the provider refused the call (bad signature, bad amount, business error). */
  error?: { code: string; message: string };
}

/** One delivery attempt of a callback to the merchant. */
export interface CallbackEntry extends EntryBase {
  kind: 'callback';
  /** Groups the attempts of one logical notification. */
  deliveryId: string;
  event: string;
  variant: string;
  attempt: number;
  url: string;
  request: JournalMessage;
  /** The merchant's answer; absent if the request never completed. */
  response?: { status: number; body: string };
  /** Network error, timeout, or "lost" when the sandbox simulated a lost notification. */
  error?: string;
  latencyMs: number;
  /** Whether the answer satisfied the provider's ack rule. */
  acked: boolean;
}

/** Something a buyer did in the sandbox (pay, cancel, fail). */
export interface BuyerEntry extends EntryBase {
  kind: 'buyer';
  action: string;
  outcome: 'ok' | 'refused';
  detail?: string;
}

/** Anything the journal holds. */
export type JournalEntry = RequestEntry | CallbackEntry | BuyerEntry;

/** Distributive omit: drops keys from each member of a union. */
export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Input for {@link Journal.record}: an entry without its sequence number. */
export type JournalInput = DistributiveOmit<JournalEntry, 'seq'>;

/** Every exchange between payprobe and the merchant, in order, secrets redacted. */
export interface Journal {
  record<T extends JournalInput>(entry: T): T & { seq: number };
  all(): readonly JournalEntry[];
  /** Entries that belong to a scenario: recorded for it, or about an order it owns (resolved now, not at record time). */
  forScenario(scenarioId: string, ownerOf: (orderRef: string) => string | undefined): JournalEntry[];
  subscribe(listener: (entry: JournalEntry) => void): () => void;
  readonly redactor: Redactor;
}

/** Creates an empty journal that redacts through `redactor`. */
export function createJournal(redactor: Redactor): Journal {
  const entries: JournalEntry[] = [];
  const listeners = new Set<(entry: JournalEntry) => void>();
  const scrub = (m: JournalMessage): JournalMessage => ({ headers: redactor.headers(m.headers), body: redactor.text(m.body) });
  return {
    redactor,
    record(input) {
      const entry = { ...input, seq: entries.length + 1 } as JournalInput & { seq: number };
      if (entry.kind === 'request') {
        entry.request = scrub(entry.request);
        entry.response = { status: entry.response.status, ...scrub(entry.response) };
      } else if (entry.kind === 'callback') {
        entry.request = scrub(entry.request);
        if (entry.response) entry.response = { status: entry.response.status, body: redactor.text(entry.response.body) };
      }
      entries.push(entry as JournalEntry);
      for (const l of listeners) l(entry as JournalEntry);
      return entry as unknown as typeof input & { seq: number };
    },
    all: () => entries,
    forScenario(scenarioId, ownerOf) {
      return entries.filter((e) => {
        const owner = e.orderRef ? ownerOf(e.orderRef) : undefined;
        return owner ? owner === scenarioId : e.scenarioId === scenarioId;
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
