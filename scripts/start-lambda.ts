import { loadConfig } from '../src/config';
import { startLocalHousekeeping, stopOnSignals } from '../src/local/local-housekeeping';
import { prepareLocalStack } from '../src/local/local-stack';
import { startLambdaHosts } from '../src/local/lambda-host/lambda-hosts';
import { jsonLog } from '../src/logger';

/**
 * `npm run start:lambda`: the Lambda deployment on this machine — the GraphQL and WebSocket
 * handlers the packaged functions export, behind local stand-ins of API Gateway's HTTP API
 * (http://localhost:4010/graphql, the JWT authorizer played by verifying the token) and
 * WebSocket API (ws://localhost:4011, with its @connections management API) — on the same
 * local stack as `npm start` (dynalite on disk, the local Personalize, cognito-local).
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const stack = await prepareLocalStack(config);
  const hosts = await startLambdaHosts({
    config,
    dynamoDb: stack.container.dynamoDb,
    ...(stack.personalize ? { personalize: stack.personalize.settings } : {}),
    ...(stack.userPool ? { auth: stack.userPool.settings } : {}),
    cursorSecret: stack.cursorSecret,
    httpPort: config.lambdaHosts.httpPort,
    wsPort: config.lambdaHosts.wsPort,
    log: jsonLog,
  });
  await stack.lock.announce(hosts.httpUrl);
  console.log(`recgate: Lambda GraphQL handler behind the local HTTP API on ${hosts.httpUrl}`);
  console.log(`recgate: Lambda WebSocket handler behind the local WebSocket API on ${hosts.wsUrl} (graphql-ws; ?authorization=Bearer%20<token>), management API ${hosts.managementEndpoint}/@connections`);
  if (stack.userPool) console.log('recgate: get a token with  npm run token -- alice');
  const stopHousekeeping = startLocalHousekeeping(hosts.gateway);
  stopOnSignals(async () => {
    stopHousekeeping();
    await hosts.close();
    await stack.close();
  });
}

main().catch((error: unknown) => {
  console.error(`recgate: could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
