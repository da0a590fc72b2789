import type { ProviderDefinition, ProviderRuntime } from '../providers/types.js';
import type { LedgerOrder } from './ledger.js';

const escape = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const ACTION_LABELS: Record<string, string> = { pay: 'Pay', abandon: 'Cancel', decline: 'Fail the payment' };

/** Renders the sandbox cashier: the page a buyer reaches from a QR code or pay URL, with one button per outcome. */
export function renderCashierPage(input: {
  order: LedgerOrder;
  definition: ProviderDefinition<any, any>;
  runtime: ProviderRuntime;
  actionUrl: string;
  result?: { ok: boolean; reason?: string };
}): string {
  const { order, definition, runtime, result } = input;
  const view = runtime.describe(order);
  const open = order.status === 'pending' || order.status === 'failed';
  const rows = view.lines.map(([k, v]) => `<tr><th>${escape(k)}</th><td>${escape(v)}</td></tr>`).join('');
  const buttons = definition.buyerActions
    .map((a) => `<button name="action" value="${escape(a)}" class="${a === 'pay' ? 'primary' : ''}">${escape(ACTION_LABELS[a] ?? a)}</button>`)
    .join(' ');
  const banner = result
    ? `<p class="banner ${result.ok ? 'ok' : 'refused'}" role="status">${escape(result.ok ? 'Done. The merchant has been notified as the provider would.' : `Refused: ${result.reason ?? 'not possible now'}`)}</p>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(definition.title)} sandbox cashier · payprobe</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f4f5f7;color:#1d2330}
main{max-width:28rem;margin:3rem auto;background:#fff;border-radius:12px;padding:2rem;box-shadow:0 2px 12px #0001}
h1{font-size:1.1rem;margin:0 0 .25rem}.note{color:#5b6475;font-size:.85rem;margin:0 0 1.5rem}
.amount{font-size:2.25rem;font-weight:600;margin:.5rem 0 1rem}
table{width:100%;border-collapse:collapse;font-size:.9rem}th{text-align:left;color:#5b6475;font-weight:400;padding:.25rem 0}td{text-align:right;font-family:ui-monospace,monospace}
form{margin-top:1.5rem;display:flex;gap:.5rem;flex-wrap:wrap}
button{font:inherit;padding:.6rem 1rem;border-radius:8px;border:1px solid #c8ccd4;background:#fff;cursor:pointer}
button.primary{background:#1677ff;border-color:#1677ff;color:#fff}
button:disabled{opacity:.5;cursor:not-allowed}
.banner{padding:.75rem 1rem;border-radius:8px}.ok{background:#e8f7ee;color:#14532d}.refused{background:#fdecec;color:#7f1d1d}
</style></head>
<body><main>
<h1>${escape(view.title)}</h1>
<p class="note">payprobe sandbox: no real money moves. Pick what the buyer does.</p>
${banner}
<div class="amount">${escape(view.amount)}</div>
<table>${rows}<tr><th>State</th><td>${escape(order.providerState)}</td></tr></table>
<form method="post" action="${escape(input.actionUrl)}">${open ? buttons : '<p>This order can no longer be paid.</p>'}</form>
</main></body></html>`;
}
