import { isTransientDynamoDbError } from '../../../src/adapters/dynamodb/dynamodb-dependency-errors';

const named = (name: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(name), { name, ...extra });

describe('which DynamoDB failures are worth a retry by the client', () => {
  it.each([
    ['throttling', named('ProvisionedThroughputExceededException')],
    ['request-rate throttling', named('ThrottlingException')],
    ['a timeout', named('TimeoutError')],
    ['a 500', named('InternalServerError', { $metadata: { httpStatusCode: 500 } })],
    ['an unnamed 503', named('Unknown', { $metadata: { httpStatusCode: 503 } })],
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })],
    ['a socket error the SDK wrapped into text', new Error('AWS SDK error wrapper for Error: connect ECONNREFUSED 127.0.0.1:8000')],
    ['a reset connection the SDK wrapped into text', new Error('AWS SDK error wrapper for TimeoutError: socket hang up')],
    ['an error the SDK marks as throttling', named('SomethingNew', { $retryable: { throttling: true } })],
  ])('%s is transient', (_name, error) => {
    expect(isTransientDynamoDbError(error)).toBe(true);
  });

  it.each([
    ['a failed condition', named('ConditionalCheckFailedException', { $metadata: { httpStatusCode: 400 } })],
    ['a validation error', named('ValidationException', { $metadata: { httpStatusCode: 400 } })],
    ['a missing table', named('ResourceNotFoundException', { $metadata: { httpStatusCode: 400 } })],
    ['a message that merely mentions a code', new Error('item "ECONNREFUSED-poster" is invalid')],
    ['a wrapped error that is not transient', new Error('AWS SDK error wrapper for ValidationException: bad key')],
    ['not an error', 'ECONNREFUSED'],
  ])('%s is not', (_name, error) => {
    expect(isTransientDynamoDbError(error)).toBe(false);
  });
});
