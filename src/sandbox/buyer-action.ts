import type { BuyerNotifyOptions, BuyerResult, ProviderRuntime } from '../providers/types.js';
import type { VirtualClock } from './clock.js';
import type { Journal } from './journal.js';
import type { LedgerOrder } from './ledger.js';

/** What acting as a buyer needs: the provider's runtime, the journal and the clocks. */
export interface BuyerActionDeps {
  provider: string;
  runtime: Pick<ProviderRuntime, 'buyer'>;
  journal: Journal;
  clock(scenarioId?: string): VirtualClock;
}

/**
 * Acts as the buyer on an order (a scenario step, the control API, a provider's own buyer page): the provider
 * acts, the journal records the action and its outcome, and the callbacks it caused are awaited.
 */
export async function actAsBuyer(deps: BuyerActionDeps, action: string, order: LedgerOrder, options: { scenarioId?: string; notify?: BuyerNotifyOptions } = {}): Promise<BuyerResult> {
  const scenarioId = options.scenarioId ?? order.scenarioId;
  const result = await deps.runtime.buyer(action, order, { scenarioId, notify: options.notify });
  deps.journal.record({
    kind: 'buyer',
    provider: deps.provider,
    at: deps.clock(scenarioId).now(),
    scenarioId,
    orderRef: order.ref,
    action,
    outcome: result.ok ? 'ok' : 'refused',
    detail: result.reason,
  });
  await Promise.all(result.deliveries);
  return result;
}
