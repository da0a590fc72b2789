/** One entry of an error's `details`. */
export interface PaypalIssue {
  field?: string;
  value?: string;
  location?: 'body' | 'path' | 'query' | 'header';
  issue: string;
  description: string;
}

/** A refusal: HTTP status and PayPal's error object; `stored: false` when a PayPal-Request-Id replay must not return it. */
export interface PaypalFailure {
  status: number;
  name: string;
  message: string;
  details?: PaypalIssue[];
  stored?: false;
  /** Said in the journal only, after the message. */
  note?: string;
  /** Extra headers (e.g. WWW-Authenticate). */
  headers?: Record<string, string>;
  /** An OAuth-style body (`{error, error_description}`) instead of the REST error shape. */
  oauth?: { error: string; error_description: string };
}

const MESSAGES: Record<string, string> = {
  INVALID_REQUEST: 'Request is not well-formed, syntactically incorrect, or violates schema.',
  UNPROCESSABLE_ENTITY: 'The requested action could not be performed, semantically incorrect, or failed business validation.',
  RESOURCE_NOT_FOUND: 'The specified resource does not exist.',
  RESOURCE_CONFLICT: 'The server has detected a conflict while processing this request.',
  INTERNAL_SERVER_ERROR: 'An internal server error has occurred.',
  AUTHENTICATION_FAILURE: 'Authentication failed due to invalid authentication credentials or a missing Authorization header.',
  NOT_AUTHORIZED: 'Authorization failed due to insufficient permissions.',
};

const STATUS: Record<string, number> = {
  INVALID_REQUEST: 400,
  AUTHENTICATION_FAILURE: 401,
  NOT_AUTHORIZED: 403,
  RESOURCE_NOT_FOUND: 404,
  RESOURCE_CONFLICT: 409,
  UNPROCESSABLE_ENTITY: 422,
  INTERNAL_SERVER_ERROR: 500,
};

/** A failure of the REST shape: `name` decides status and message; issues go in `details`. */
export function fail(name: keyof typeof STATUS & string, issues: PaypalIssue[] = [], extra: Partial<PaypalFailure> = {}): PaypalFailure {
  return { status: STATUS[name], name, message: MESSAGES[name], ...(issues.length ? { details: issues } : {}), ...extra };
}

/** Builders for the errors the sandbox answers. */
export const PE = {
  unprocessable: (issue: string, description: string, more: Partial<PaypalIssue> = {}) => fail('UNPROCESSABLE_ENTITY', [{ issue, description, ...more }]),
  invalid: (issue: string, description: string, more: Partial<PaypalIssue> = {}) => fail('INVALID_REQUEST', [{ issue, description, location: 'body', ...more }], { stored: false }),
  notFound: (field: string, value: string, description = 'Specified resource ID does not exist. Please check the resource ID and try again.') =>
    fail('RESOURCE_NOT_FOUND', [{ field, value, location: 'path', issue: 'INVALID_RESOURCE_ID', description }]),
  internal: () => fail('INTERNAL_SERVER_ERROR', [], { stored: false }),
};
