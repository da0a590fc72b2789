/** Stripe's error types (the `type` of the error object). */
export type StripeErrorType = 'invalid_request_error' | 'card_error' | 'idempotency_error' | 'api_error';

/** A refusal: HTTP status and Stripe's error object; `stored: false` when Stripe would not save it for idempotent replay. */
export interface StripeFailure {
  status: number;
  error: { type: StripeErrorType; message: string; code?: string; param?: string; decline_code?: string; [extra: string]: unknown };
  /** Validation failures and concurrency conflicts are not saved under an idempotency key (docs.stripe.com/api/idempotent_requests). */
  stored?: false;
  /** Said in the journal only, after the message. */
  note?: string;
}

const docUrl = (code: string): string => `https://stripe.com/docs/error-codes/${code.replace(/_/g, '-')}`;

/** An invalid_request_error with a code (doc_url derived from it as Stripe does). */
export function invalid(status: number, message: string, code?: string, param?: string, stored?: false): StripeFailure {
  return { status, error: { type: 'invalid_request_error', message, ...(code ? { code, doc_url: docUrl(code) } : {}), ...(param ? { param } : {}) }, stored };
}

/** Builders for the errors the sandbox answers. */
export const SE = {
  missingParam: (param: string) => invalid(400, `Missing required param: ${param}.`, 'parameter_missing', param, false),
  unknownParam: (param: string) => invalid(400, `Received unknown parameter: ${param}`, 'parameter_unknown', param, false),
  invalidInteger: (param: string, value: unknown) => invalid(400, `Invalid integer: ${String(value)}`, 'parameter_invalid_integer', param, false),
  invalidValue: (param: string, message: string) => invalid(400, message, undefined, param, false),
  noSuch: (kind: string, id: string, param: string) => invalid(404, `No such ${kind}: '${id}'`, 'resource_missing', param),
  unexpectedState: (message: string) => invalid(400, message, 'payment_intent_unexpected_state'),
  apiError: (): StripeFailure => ({ status: 500, error: { type: 'api_error', message: 'An unknown error occurred' }, stored: false }),
};
