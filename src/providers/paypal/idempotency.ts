/** How long PayPal keeps a PayPal-Request-Id: Orders create/authorize/capture 6 h, Payments capture/refund/void 45 days (developer.paypal.com idempotency guide). */
export const REQUEST_ID_TTL_MS = { orders: 6 * 3_600_000, payments: 45 * 86_400_000 } as const;
