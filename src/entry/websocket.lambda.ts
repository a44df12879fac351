import { loadConfig } from '../config';
import { createGateway } from '../container';
import { jsonLog } from '../logger';
import { createWebSocketHandler } from './websocket-handler';

/**
 * The WebSocket API's routes (serverless.yml, `websocket`): the gateway built once per
 * container, with WEBSOCKET_MANAGEMENT_ENDPOINT set (the stack sets it).
 */
const container = createGateway({ config: loadConfig() });
if (!container.sockets) throw new Error('WEBSOCKET_MANAGEMENT_ENDPOINT is not set: the WebSocket function needs the API it posts to');

export const handler = createWebSocketHandler(container.sockets, jsonLog);
