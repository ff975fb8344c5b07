/**
 * Errors with a meaning for the caller. Services throw these; the error middleware turns them into
 * HTTP responses. Anything else is an internal error and reaches the caller only as a 500 with the request id.
 */
export interface FieldIssue {
  /** Dotted path of the offending field, such as `body.email` or `query.limit`. */
  path: string;
  message: string;
}

export abstract class ApiError extends Error {
  abstract readonly status: number;
  abstract readonly code: string;
  readonly headers: Record<string, string> = {};

  toBody(): Record<string, unknown> {
    return { error: { code: this.code, message: this.message } };
  }
}

export class ValidationError extends ApiError {
  readonly status = 400;
  readonly code = 'validation_failed';
  constructor(readonly issues: FieldIssue[]) {
    super(issues.map((issue) => `${issue.path}: ${issue.message}`).join('; '));
  }
  override toBody() {
    return { error: { code: this.code, message: 'The request is not valid.', issues: this.issues } };
  }
}

export class MalformedJsonError extends ApiError {
  readonly status = 400;
  readonly code = 'malformed_json';
  constructor() {
    super('The request body is not valid JSON.');
  }
}

export class UnauthenticatedError extends ApiError {
  readonly status = 401;
  readonly code = 'unauthenticated';
  constructor(message = 'A valid bearer token is required.') {
    super(message);
  }
}

export class ForbiddenError extends ApiError {
  readonly status = 403;
  readonly code = 'forbidden';
}

export class NotFoundError extends ApiError {
  readonly status = 404;
  readonly code = 'not_found';
}

export class MethodNotAllowedError extends ApiError {
  readonly status = 405;
  readonly code = 'method_not_allowed';
  constructor(method: string, allowed: string[]) {
    super(`${method} is not allowed here; allowed: ${allowed.join(', ')}.`);
    this.headers.allow = allowed.join(', ');
  }
}

export class ConflictError extends ApiError {
  readonly status = 409;
  readonly code = 'conflict';
  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
  override toBody() {
    return { error: { code: this.code, message: this.message, ...this.details } };
  }
}

export class GoneError extends ApiError {
  readonly status = 410;
  readonly code = 'gone';
}

/** A service the request needs (the table, the bucket) cannot be reached or is overloaded: worth retrying soon. */
export class ServiceUnavailableError extends ApiError {
  readonly status = 503;
  readonly code = 'unavailable';
  constructor(retryAfterSeconds = RETRY_AFTER_SECONDS) {
    super('The service is briefly unavailable; try again shortly.');
    this.headers['retry-after'] = String(retryAfterSeconds);
  }
}

/** How long a client is asked to wait before retrying a request that met an outage. */
export const RETRY_AFTER_SECONDS = 5;

const NETWORK_FAILURES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);
const OVERLOADED = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'TimeoutError',
  'UnprocessedItemsError',
]);

/**
 * Whether an error is an outage of a service the request needs, not a defect: the network to it failed, it
 * answered with a server fault (5xx), or it kept throttling past the SDK's retries. A client fault (a
 * request DynamoDB refuses) is a defect and stays a 500.
 */
export function isOutage(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, code, $fault, cause, errors } = error as {
    name?: string;
    code?: string;
    $fault?: string;
    cause?: unknown;
    errors?: unknown[];
  };
  if ($fault === 'server') return true;
  if ((name && OVERLOADED.has(name)) || (code && NETWORK_FAILURES.has(code))) return true;
  // A host with several addresses fails as an AggregateError of one connection error each.
  if (Array.isArray(errors) && errors.some(isOutage)) return true;
  return cause !== undefined && cause !== error && isOutage(cause);
}

export class PayloadTooLargeError extends ApiError {
  readonly status = 413;
  readonly code = 'payload_too_large';
  constructor(limitBytes: number) {
    super(`The request body is larger than ${limitBytes} bytes.`);
  }
}

export class UnsupportedMediaTypeError extends ApiError {
  readonly status = 415;
  readonly code = 'unsupported_media_type';
  constructor() {
    super('The request body must be JSON (content-type: application/json).');
  }
}
