import { loadConfig } from '../config';
import { createGateway } from '../container';
import { jsonLog } from '../logger';
import { createLambdaHandler } from './lambda-handler';

/**
 * The Lambda entry (serverless.yml, `graphql`). Config, clients and the schema are built once
 * per container, at init; nothing is called until the first request (the tables are
 * CloudFormation's, not ensured here).
 */
const container = createGateway({ config: loadConfig() });
// Models trained elsewhere are announced over REDIS_URL when one is set; without it the pointer cache (MODEL_CACHE_SECONDS) brings them.
container.start().catch((error: unknown) => jsonLog({ level: 'warn', message: 'not listening for trained models; the pointer cache brings them', error: String(error) }));
export const handler = createLambdaHandler(container, jsonLog);
