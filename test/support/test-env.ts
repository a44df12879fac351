import { LOCAL_PERSONALIZE } from '../../src/local/personalize/local-personalize';
import { randomBytes } from 'node:crypto';

/** The dynalite endpoint that globalSetup started. */
export function testDynamoDbEndpoint(): string {
  const endpoint = process.env['RECGATE_TEST_DYNAMODB_ENDPOINT'];
  if (!endpoint) throw new Error('RECGATE_TEST_DYNAMODB_ENDPOINT is not set: run the tests through jest (globalSetup starts dynalite)');
  return endpoint;
}

/** Environment for a gateway on the test dynalite with tables of its own. */
export function testEnvironment(extra: Record<string, string> = {}): Record<string, string> {
  return {
    STORAGE: 'dynamodb',
    DYNAMODB_ENDPOINT: testDynamoDbEndpoint(),
    TABLE_PREFIX: `t${randomBytes(4).toString('hex')}-`,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    // One info line per request would drown the test output; warnings and errors still show.
    LOG_LEVEL: 'warn',
    ...extra,
  };
}

/** The process environment plus the given variables, for child processes. */
export function childEnvironment(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...extra };
}

/**
 * A sandbox of the local Personalize that globalSetup started (trained on smallDataset()):
 * its endpoint, whose faults and call counts are this caller's alone.
 */
export function testPersonalizeEndpoint(): string {
  const endpoint = process.env['RECGATE_TEST_PERSONALIZE_ENDPOINT'];
  if (!endpoint) throw new Error('RECGATE_TEST_PERSONALIZE_ENDPOINT is not set: run the tests through jest (globalSetup starts the local Personalize)');
  return `${endpoint}/sandbox/${randomBytes(6).toString('hex')}`;
}

/** A gateway on a sandbox of the local Personalize: user personalization with the unseen filter, a patient budget. */
export function testPersonalizeEnvironment(): Record<string, string> {
  return {
    PERSONALIZE_ARN: LOCAL_PERSONALIZE.userPersonalization,
    PERSONALIZE_FILTER_UNSEEN_ARN: LOCAL_PERSONALIZE.unseenFilter,
    PERSONALIZE_ENDPOINT: testPersonalizeEndpoint(),
    PERSONALIZE_BUDGET_MS: '1000',
  };
}
