import { fail, PE, type PaypalFailure } from './errors.js';

/** Negative-testing codes the sandbox answers for `PayPal-Mock-Response: {"mock_application_codes":"…"}`. */
export const MOCK_CODES: Record<string, () => PaypalFailure> = {
  INSTRUMENT_DECLINED: () => PE.unprocessable('INSTRUMENT_DECLINED', "The instrument presented was either declined by the processor or bank, or it can't be used for this payment."),
  TRANSACTION_REFUSED: () => PE.unprocessable('TRANSACTION_REFUSED', 'The request was refused.'),
  DUPLICATE_INVOICE_ID: () => PE.unprocessable('DUPLICATE_INVOICE_ID', 'Duplicate Invoice ID detected. To avoid a potential duplicate transaction your account setting requires that Invoice Id be unique for each transaction.'),
  PAYER_ACTION_REQUIRED: () => PE.unprocessable('PAYER_ACTION_REQUIRED', 'Payer needs to perform the following action before proceeding with payment.'),
  ORDER_NOT_APPROVED: () => PE.unprocessable('ORDER_NOT_APPROVED', 'Payer has not yet approved the Order for payment. Please redirect the payer to the \'rel\':\'approve\' url returned as part of the HATEOAS links within the Create Order call or provide a valid payment_source in the request.'),
  ORDER_ALREADY_CAPTURED: () => PE.unprocessable('ORDER_ALREADY_CAPTURED', 'Order already captured.If \'intent=CAPTURE\' only one capture per order is allowed.'),
  CAPTURE_FULLY_REFUNDED: () => PE.unprocessable('CAPTURE_FULLY_REFUNDED', 'The capture has already been fully refunded'),
  REFUND_NOT_ALLOWED: () => PE.unprocessable('REFUND_NOT_ALLOWED', 'Capture cannot be refunded.'),
  CARD_EXPIRED: () => PE.unprocessable('CARD_EXPIRED', 'The card is expired.'),
  INTERNAL_SERVER_ERROR: () => fail('INTERNAL_SERVER_ERROR'),
};

/** The failure a PayPal-Mock-Response header asks for, if any; an unusable header is a 400 that says so. */
export function mockFailure(header: string | null): PaypalFailure | undefined {
  if (!header) return undefined;
  let code: unknown;
  try {
    code = (JSON.parse(header) as { mock_application_codes?: unknown }).mock_application_codes;
  } catch {
    code = undefined;
  }
  const make = typeof code === 'string' ? MOCK_CODES[code] : undefined;
  if (make) return { ...make(), stored: false, note: `PayPal-Mock-Response ${String(code)}` };
  return {
    ...PE.invalid('INVALID_PARAMETER_VALUE', 'The value of a field is invalid.', { field: 'PayPal-Mock-Response', value: header, location: 'header' }),
    note: `the sandbox simulates mock_application_codes ${Object.keys(MOCK_CODES).join(', ')}; send {"mock_application_codes":"INSTRUMENT_DECLINED"}`,
  };
}
