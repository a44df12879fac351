import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DependencyUnavailableError } from '../../domain/errors';

const TRANSIENT_NAMES = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'TimeoutError',
  'RequestTimeout',
]);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

interface SdkErrorShape {
  readonly name?: unknown;
  readonly code?: unknown;
  readonly message?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: number };
  readonly $retryable?: { readonly throttling?: boolean };
}

/** Throttling, a 5xx, a timeout or a refused/reset connection: DynamoDB may answer if asked again later. */
export function isTransientDynamoDbError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const shape = error as SdkErrorShape;
  if (typeof shape.name === 'string' && TRANSIENT_NAMES.has(shape.name)) return true;
  if (typeof shape.code === 'string' && NETWORK_CODES.has(shape.code)) return true;
  // The SDK's retry layer can wrap a socket error into a plain Error that keeps only its text
  // ("AWS SDK error wrapper for Error: connect ECONNREFUSED …", seen when the error crossed a realm).
  if (typeof shape.message === 'string' && [...NETWORK_CODES].some((code) => shape.message === code || (shape.message as string).includes(` ${code}`))) return true;
  // … or keeps the wrapped error's name in the text: "AWS SDK error wrapper for TimeoutError: socket hang up" (a reset keep-alive connection).
  const wrapped = typeof shape.message === 'string' ? /^AWS SDK error wrapper for (\w+):/.exec(shape.message)?.[1] : undefined;
  if (wrapped !== undefined && TRANSIENT_NAMES.has(wrapped)) return true;
  if (shape.$retryable?.throttling === true) return true;
  return (shape.$metadata?.httpStatusCode ?? 0) >= 500;
}

/**
 * Outermost on the client's stack, so it sees what is left after the SDK's own retries: a
 * transient failure becomes DependencyUnavailableError (clients get SERVICE_UNAVAILABLE,
 * retryable, instead of a masked internal error); everything else (conditional checks,
 * validation) passes through unchanged for the adapters that handle it.
 */
export function classifyDependencyErrors(client: DynamoDBClient): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        if (!isTransientDynamoDbError(error)) throw error;
        const { name, message } = error as Error;
        throw new DependencyUnavailableError('dynamodb', `DynamoDB ${String(context.commandName)} failed after retries: ${name}: ${message}`, { cause: error });
      }
    },
    { step: 'initialize', name: 'recgateDependencyErrors', priority: 'high' },
  );
}
