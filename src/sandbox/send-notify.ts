import type { CallbackVariant } from '../providers/types.js';
import type { VirtualClock } from './clock.js';
import type { CallbackEntry } from './journal.js';
import type { LedgerOrder } from './ledger.js';
import type { Sandbox } from './sandbox.js';

/** Callback variants a scenario step, the control API or `payprobe trigger` can ask for. */
export const CALLBACK_VARIANTS = ['genuine', 'forged', 'other-key', 'unsigned', 'tampered', 'stale'] as const;

/** A variant name. */
export type CallbackVariantName = (typeof CALLBACK_VARIANTS)[number];

/** What to send: one event or several in order, how often, how dishonestly. */
export interface SendNotifyOptions {
  provider: string;
  order: LedgerOrder;
  /** One event, or several delivered one after another in this order. */
  events: string[];
  variant: CallbackVariantName;
  /** Fields changed before signing. */
  override?: Record<string, string>;
  /** Fields changed after signing (variant `tampered`). */
  tamper?: Record<string, string>;
  /** How far back the signed timestamp goes (variant `stale`), ms. Default one hour. */
  staleByMs?: number;
  /** Identical copies to send. */
  times?: number;
  /** Send the copies at once instead of one after another (single event only). */
  concurrent?: boolean;
  /** Re-send on the provider's schedule when not acknowledged. */
  retries?: boolean;
  url: string;
  clock: VirtualClock;
  scenarioId?: string;
  /** Stable key prefix: copies of one event share a key (the same notification re-sent). */
  key: string;
}

/** Maps a variant name to how the provider builds the callback. */
export function callbackVariant(name: CallbackVariantName, options: { override?: Record<string, string>; tamper?: Record<string, string>; staleByMs?: number } = {}): CallbackVariant {
  const base: CallbackVariant = { signer: 'provider', override: options.override };
  switch (name) {
    case 'forged':
      return { ...base, signer: 'forged' };
    case 'other-key':
      return { ...base, signer: 'other-key' };
    case 'unsigned':
      return { ...base, signer: 'unsigned' };
    case 'tampered':
      return { ...base, tamper: options.tamper };
    case 'stale':
      return { ...base, staleByMs: options.staleByMs ?? 3_600_000 };
    default:
      return base;
  }
}

/** Sends callbacks for an order through the sandbox's dispatcher; resolves with the first attempt of each delivery. */
export async function sendNotify(sandbox: Sandbox, options: SendNotifyOptions): Promise<CallbackEntry[]> {
  const runtime = sandbox.runtime(options.provider);
  const variant = callbackVariant(options.variant, options);
  const send = (event: string) =>
    sandbox.dispatcher.deliver({
      provider: options.provider,
      runtime,
      order: options.order,
      event,
      variantName: options.variant,
      variant,
      url: options.url,
      clock: options.clock,
      scenarioId: options.scenarioId,
      retries: options.retries ?? false,
      deliveryKey: `${options.key}:${event}`,
    });
  const times = options.times ?? 1;
  if (options.concurrent) return Promise.all(Array.from({ length: times }, () => send(options.events[0])));
  const out: CallbackEntry[] = [];
  for (let i = 0; i < times; i++) for (const event of options.events) out.push(await send(event));
  return out;
}
