/**
 * Errors are values with codes. The GraphQL layer maps them to extensions.code; the
 * messages are written for the client and never carry internals.
 */
export class InvalidArgumentError extends Error {
  readonly code = 'BAD_USER_INPUT';
  constructor(
    readonly argumentName: string,
    message: string,
  ) {
    super(`Argument "${argumentName}" ${message}`);
    this.name = 'InvalidArgumentError';
  }
}

/** A cursor that this server did not issue, or issued for another listing. */
export class InvalidCursorError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'InvalidCursorError';
  }
}

/** A dependency did not answer in time or kept refusing; the client may retry. */
export class DependencyUnavailableError extends Error {
  readonly code = 'SERVICE_UNAVAILABLE';
  constructor(
    readonly dependency: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DependencyUnavailableError';
  }
}

/** Recommendations were asked for before any model was trained. */
export class ModelNotTrainedError extends Error {
  readonly code = 'SERVICE_UNAVAILABLE';
  constructor() {
    super('No recommendation model has been trained yet: run `npm run train` (npm start trains one on the demo data).');
    this.name = 'ModelNotTrainedError';
  }
}

/**
 * The request carries no acceptable access token. The reason is for the log only: clients are
 * told the same thing whatever was wrong, so a probe learns nothing about the checks.
 */
export class UnauthenticatedError extends Error {
  readonly code = 'UNAUTHENTICATED';
  constructor(readonly reason: string) {
    super('A valid access token is required (Authorization: Bearer <Cognito access token>).');
    this.name = 'UnauthenticatedError';
  }
}

/** The viewer may not do this; nothing was read or written. */
export class ForbiddenError extends Error {
  readonly code = 'FORBIDDEN';
  constructor(message: string) {
    super(message);
    this.name = 'ForbiddenError';
  }
}

/** The same eventId was sent before with another payload; nothing was stored. */
export class ConflictError extends Error {
  readonly code = 'CONFLICT';
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}

/** A limit on how much one viewer may hold open at once (live-feed subscriptions); nothing was started. */
export class TooManySubscriptionsError extends Error {
  readonly code = 'TOO_MANY_SUBSCRIPTIONS';
  constructor(readonly limit: number) {
    super(`At most ${limit} live-feed subscriptions may be open at once for one user; end one first.`);
    this.name = 'TooManySubscriptionsError';
  }
}

/** One client sent more than its share (an anonymous session's events); nothing was stored. */
export class RateLimitedError extends Error {
  readonly code = 'RATE_LIMITED';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
    this.name = 'RateLimitedError';
  }
}

/** Another training published a model while this one ran: the newer current model stays, this one is dropped. */
export class ModelPublishConflictError extends Error {
  constructor() {
    super('another training published a model meanwhile; train again to publish on top of it');
    this.name = 'ModelPublishConflictError';
  }
}
