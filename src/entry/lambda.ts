import { loadConfig } from '../config';
import { createContainer } from '../container';
import { jsonLog } from '../logger';
import { createLambdaHandler } from './lambda-handler';

/**
 * The Lambda entry (serverless.yml, `graphql`). Config, clients and the schema are built once
 * per container, at init; nothing is called until the first request (the tables are
 * CloudFormation's, not ensured here).
 */
export const handler = createLambdaHandler(createContainer({ config: loadConfig() }), jsonLog);
