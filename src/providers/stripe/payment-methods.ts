/** What confirming with a test PaymentMethod does. */
export type CardOutcome =
  | { kind: 'success'; brand: string; last4: string }
  | { kind: 'decline'; brand: string; last4: string; code: string; declineCode?: string; message: string }
  | { kind: 'three_d_secure'; brand: string; last4: string };

const ok = (brand: string, last4: string): CardOutcome => ({ kind: 'success', brand, last4 });
const declined = (last4: string, declineCode: string, message = 'Your card was declined.', code = 'card_declined'): CardOutcome => ({ kind: 'decline', brand: 'visa', last4, code, declineCode, message });

/** Stripe's test PaymentMethods (fact sheet §6), by id. */
export const TEST_PAYMENT_METHODS: Readonly<Record<string, CardOutcome>> = {
  pm_card_visa: ok('visa', '4242'),
  pm_card_mastercard: ok('mastercard', '4444'),
  pm_card_amex: ok('amex', '8431'),
  pm_card_chargeDeclined: declined('0002', 'generic_decline'),
  pm_card_visa_chargeDeclined: declined('0002', 'generic_decline'),
  pm_card_chargeDeclinedInsufficientFunds: declined('9995', 'insufficient_funds', 'Your card has insufficient funds.'),
  pm_card_chargeDeclinedLostCard: declined('9987', 'lost_card'),
  pm_card_chargeDeclinedStolenCard: declined('9979', 'stolen_card'),
  pm_card_chargeDeclinedExpiredCard: declined('0069', 'expired_card', 'Your card has expired.', 'expired_card'),
  pm_card_chargeDeclinedIncorrectCvc: declined('0127', 'incorrect_cvc', "Your card's security code is incorrect.", 'incorrect_cvc'),
  pm_card_chargeDeclinedProcessingError: declined('0119', 'processing_error', 'An error occurred while processing your card. Try again in a little bit.', 'processing_error'),
  pm_card_threeDSecure2Required: { kind: 'three_d_secure', brand: 'visa', last4: '3155' },
};

/** The same outcomes by test card number (for `payment_method_data[card][number]`). */
export const TEST_CARD_NUMBERS: Readonly<Record<string, string>> = {
  '4242424242424242': 'pm_card_visa',
  '5555555555554444': 'pm_card_mastercard',
  '4000000000000002': 'pm_card_chargeDeclined',
  '4000000000009995': 'pm_card_chargeDeclinedInsufficientFunds',
  '4000000000009987': 'pm_card_chargeDeclinedLostCard',
  '4000000000009979': 'pm_card_chargeDeclinedStolenCard',
  '4000000000000069': 'pm_card_chargeDeclinedExpiredCard',
  '4000000000000127': 'pm_card_chargeDeclinedIncorrectCvc',
  '4000000000000119': 'pm_card_chargeDeclinedProcessingError',
  '4000002500003155': 'pm_card_threeDSecure2Required',
};

/** The outcome of a test PaymentMethod id, or undefined for an id the sandbox does not know. */
export function testOutcome(paymentMethod: string): CardOutcome | undefined {
  return Object.hasOwn(TEST_PAYMENT_METHODS, paymentMethod) ? TEST_PAYMENT_METHODS[paymentMethod] : undefined;
}

/** Stripe's test card tokens (`card[token]` when creating a PaymentMethod), by the test PaymentMethod they behave as. */
export const TEST_TOKENS: Readonly<Record<string, string>> = {
  tok_visa: 'pm_card_visa',
  tok_mastercard: 'pm_card_mastercard',
  tok_amex: 'pm_card_amex',
  tok_chargeDeclined: 'pm_card_chargeDeclined',
  tok_chargeDeclinedInsufficientFunds: 'pm_card_chargeDeclinedInsufficientFunds',
  tok_chargeDeclinedLostCard: 'pm_card_chargeDeclinedLostCard',
  tok_chargeDeclinedStolenCard: 'pm_card_chargeDeclinedStolenCard',
  tok_chargeDeclinedExpiredCard: 'pm_card_chargeDeclinedExpiredCard',
  tok_chargeDeclinedIncorrectCvc: 'pm_card_chargeDeclinedIncorrectCvc',
  tok_chargeDeclinedProcessingError: 'pm_card_chargeDeclinedProcessingError',
  tok_threeDSecure2Required: 'pm_card_threeDSecure2Required',
};
