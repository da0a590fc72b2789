import type { RequestHandler } from 'msw';
import type { z } from 'zod';
import type { VirtualClock } from '../sandbox/clock.js';
import type { Dispatcher } from '../sandbox/dispatcher.js';
import type { FaultRegistry } from '../sandbox/faults.js';
import type { CallbackEntry, Journal } from '../sandbox/journal.js';
import type { Ledger, LedgerOrder } from '../sandbox/ledger.js';
import type { Attribution } from '../sandbox/attribution.js';

/** How a callback is made dishonest (or not) before it is sent. */
export interface CallbackVariant {
  /** Who signs: the sandbox's provider key, another key of the same kind, random bytes, or nobody. */
  signer: 'provider' | 'other-key' | 'forged' | 'unsigned';
  /** Fields changed after signing (the signature no longer matches them). */
  tamper?: Record<string, string>;
  /** Fields changed before signing (a genuine-looking notify with wrong business facts). */
  override?: Record<string, string>;
  /** Shifts the signed timestamp into the past by this many ms. */
  staleByMs?: number;
}

/** A fully built HTTP callback, ready to send. */
export interface CallbackMessage {
  method: 'POST';
  headers: Record<string, string>;
  body: string;
}

/** What a provider needs to build one callback. */
export interface CallbackBuildInput {
  order: LedgerOrder;
  /** Provider event name, e.g. `trade.success`. */
  event: string;
  variant: CallbackVariant;
  /** 1 for the first attempt; some providers put it in the message. */
  attempt: number;
  /** Virtual time of sending. */
  at: number;
  /** Stable across the attempts of one notification (Alipay's notify_id stays the same on retries). */
  deliveryKey: string;
  /** Extra facts for the event, e.g. the refund that caused a refund notify. */
  detail?: Record<string, unknown>;
}

/** Outcome of a buyer action. */
export interface BuyerResult {
  ok: boolean;
  /** Why the provider refused, in one sentence (e.g. "the trade is closed"). */
  reason?: string;
  /** The callbacks the provider sent because of it (e.g. the payment notify). */
  deliveries: Promise<unknown>[];
}

/** How the natural callbacks of a buyer action travel. */
export interface BuyerNotifyOptions {
  /** `deliver` (default), `lost` (every attempt is lost on the way), or `none`. */
  mode?: 'deliver' | 'lost' | 'none';
  /** The first N attempts are delivered but their acks are lost, so the provider retries. */
  dropAcks?: number;
}

/** Everything a provider instance may use from the sandbox. */
export interface ProviderContext<Config, Keys> {
  id: string;
  config: Config;
  keys: Keys;
  ledger: Ledger;
  journal: Journal;
  dispatcher: Dispatcher;
  faults: FaultRegistry;
  attribution: Attribution;
  /** The clock for a scenario (or the sandbox's own clock when none is given). */
  clock(scenarioId?: string): VirtualClock;
  /** The sandbox's own URL for this provider, e.g. `http://127.0.0.1:4101`. */
  baseUrl(): string;
  /** The merchant's callback URL for this provider from the config, if any. */
  defaultCallbackUrl(): string | undefined;
  /** Sends a genuine callback as the provider does on its own: signed by the provider, re-sent on its schedule. */
  deliverGenuine(order: LedgerOrder, event: string, options: GenuineDeliveryOptions): Promise<CallbackEntry>;
}

/** Options for {@link ProviderContext.deliverGenuine}. */
export interface GenuineDeliveryOptions {
  url: string;
  scenarioId?: string;
  /** Attempts lost on the way: the first N, or all. */
  lose?: number | 'all';
  /** The first N attempts reach the merchant but their acks are lost. */
  dropAcks?: number;
  detail?: Record<string, unknown>;
}

/** The User-Agent of requests a fixture file makes, so reports tell them from the merchant's own calls. */
export const FIXTURE_USER_AGENT = 'payprobe-fixtures';

/** What happened at one request of a provider fixture file. */
export interface FixtureStepResult {
  name: string;
  method: string;
  path: string;
  status: number;
  /** True when the answer was a success, or the error the file expected. */
  ok: boolean;
  response: unknown;
  /** Why the request did not go as the file says, in one sentence. */
  problem?: string;
}

/** The result of running a fixture file: every request until the first one that did not go as written. */
export interface FixtureRunResult {
  ok: boolean;
  steps: FixtureStepResult[];
}

/** A provider's own fixture file format (Stripe CLI fixtures), run by the `fixture` scenario step. */
export interface FixtureFormat {
  /** Shown in messages, e.g. `Stripe CLI fixture`. */
  title: string;
  /** Every problem in a parsed file, as sentences; empty when it can run. */
  validate(value: unknown): string[];
}

/** A running provider simulation. */
export interface ProviderRuntime {
  /** MSW handlers, written against the provider's real origin, most frequent first. */
  handlers(): RequestHandler[];
  /** What a merchant's client needs, for the ready line and `PAYPROBE_*` variables (camelCase keys). */
  readyInfo(): Record<string, string>;
  /** Builds (and signs, unless the variant says otherwise) one callback. */
  buildCallback(input: CallbackBuildInput): CallbackMessage;
  /** The provider's ack rule: did the merchant's answer acknowledge the callback? */
  isAck(response: { status: number; body: string }): boolean;
  /** Intervals between delivery attempts, ms; the provider gives up after the last one. */
  retrySchedule: readonly number[];
  /** Acts as the buyer on an order. Actions are the provider's `buyerActions`. */
  buyer(action: string, order: LedgerOrder, options: { scenarioId?: string; notify?: BuyerNotifyOptions }): Promise<BuyerResult>;
  /** Formats minor units the provider's way (Alipay: yuan `"88.00"`). */
  formatAmount(minor: number, currency: string): string;
  /** Parses an amount written the provider's way into minor units; throws on malformed input. */
  parseAmount(text: string, currency: string): number;
  /** Cashier-page details for an order: what the buyer sees. */
  describe(order: LedgerOrder): { title: string; amount: string; lines: [string, string][] };
  /**
   * Runs a fixture file (see {@link ProviderDefinition.fixtures}) against the sandbox as the provider's own CLI would;
   * the events it causes go to the merchant like any other. `env` fills the file's environment references.
   */
  runFixture?(file: unknown, options: { env: Record<string, string | undefined> }): Promise<FixtureRunResult>;
}

/** A provider's definition: the one interface a provider implements to plug into payprobe. */
export interface ProviderDefinition<Config = unknown, Keys = unknown> {
  id: string;
  title: string;
  /** The provider's production API origin; handlers are written against it. */
  origin: string;
  /** Port used when the config does not choose one. */
  defaultPort: number;
  /** Offset of the provider's business day from UTC, in minutes (Alipay and WeChat Pay: +480). Default 0. */
  utcOffsetMinutes?: number;
  /** Schema of the provider's section of `payprobe.config.yaml`. */
  configSchema: z.ZodType<Config>;
  /** Event names a scenario may send with `notify`. */
  events: readonly string[];
  /** Actions a scenario's buyer may take, with their canonical outcome. */
  buyerActions: readonly string[];
  /** API names the merchant's calls are journaled under (for `expect.providerCall`). */
  apis: readonly string[];
  /** Fault kinds specific to this provider, beyond the generic ones. */
  faults?: readonly string[];
  /** The provider's fixture file format, if scenarios can run its fixture files (the runtime then has `runFixture`). */
  fixtures?: FixtureFormat;
  /** Loads the sandbox keys, creating them first if `create` is set and they are missing. */
  loadKeys(config: Config, options: { baseDir: string; create: boolean }): Promise<Keys>;
  /** Every secret in the keys, so reports can redact them. */
  secrets(keys: Keys, config: Config): string[];
  /** Creates a running simulation. */
  create(context: ProviderContext<Config, Keys>): ProviderRuntime;
}

/** Helper for provider modules: keeps the generic types when defining a provider. */
export function defineProvider<Config, Keys>(definition: ProviderDefinition<Config, Keys>): ProviderDefinition<Config, Keys> {
  return definition;
}
