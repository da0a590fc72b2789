import type { HookRoute } from './init-options.js';

/** A hook init writes into the config: its default route, what it does, and the body and captures the built-in suite relies on. */
export interface ScaffoldHook {
  name: string;
  /** What the endpoint does in the merchant app, for the config comment. */
  purpose: string;
  /** The same in a few words, for the prompt. */
  short: string;
  route: HookRoute;
  /** Body fields, templated (sent as JSON, or as the query string for GET). */
  body?: Record<string, string>;
  /** Variables taken from the JSON answer: name → $.path. */
  capture?: Record<string, string>;
}

/** The hooks the built-in suite calls, in the order a person meets them, with the reference merchant's bodies and captures. */
export const SCAFFOLD_HOOKS: readonly ScaffoldHook[] = [
  {
    name: 'checkout',
    short: 'create an order and start paying',
    purpose: 'creates an order and starts the payment; answers the order id (and a pay URL or QR code)',
    route: { method: 'POST', path: '/orders' },
    body: { provider: '${provider}', amount: '${amount}', subject: '${subject:-payprobe test order}', mode: '${mode:-precreate}' },
    capture: { orderId: '$.id', payUrl: '$.payUrl', qrCode: '$.qrCode' },
  },
  {
    name: 'status',
    short: 'read one order',
    purpose: 'reads one order: its status, how often it was fulfilled, how much was refunded',
    route: { method: 'GET', path: '/orders/${orderId}' },
    capture: { status: '$.status', fulfillments: '$.fulfillments', refunded: '$.refunded' },
  },
  {
    name: 'refund',
    short: 'refund an order',
    purpose: 'refunds (part of) an order; requestId stays the same on a retry, so use it as the refund request id',
    route: { method: 'POST', path: '/orders/${orderId}/refunds' },
    body: { amount: '${amount}', requestId: '${refundId}' },
    capture: { refundStatus: '$.status', refunded: '$.refunded' },
  },
  {
    name: 'close',
    short: 'cancel an unpaid order',
    purpose: 'cancels an unpaid order (your app should close it at the provider too)',
    route: { method: 'POST', path: '/orders/${orderId}/close' },
    capture: { status: '$.status' },
  },
  {
    name: 'sync',
    short: 'make your app query the provider',
    purpose: "makes your app query the provider for the order's state, as after a lost notify",
    route: { method: 'POST', path: '/orders/${orderId}/sync' },
    capture: { status: '$.status' },
  },
  {
    name: 'reconcile',
    short: "make your app reconcile a day's bill",
    purpose: "makes your app download the provider's bill for a day and recover missed payments",
    route: { method: 'POST', path: '/reconcile' },
    body: { provider: '${provider}', date: '${date}' },
    capture: { recovered: '$.recovered' },
  },
];
