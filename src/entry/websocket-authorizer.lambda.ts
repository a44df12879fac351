import { createAdmission } from '../composition/admission.root';
import { loadConfig } from '../config';
import { jsonLog } from '../logger';
import { createWebSocketAuthorizer } from './websocket-authorizer';

const config = loadConfig();
const admission = createAdmission(config.auth, config.rateLimit);

/** The WebSocket API's $connect REQUEST authorizer (serverless.yml, `websocketAuthorizer`): the same token checks as HTTP, in a bundle of its own. */
export const handler = createWebSocketAuthorizer((authorization, clientAddress) => admission.admit({ authorization, clientAddress }, { request: false }), jsonLog);
