import { loadConfig } from '../config';
import { DEMO_USERS } from '../local/cognito/local-user-pool.settings';
import { startLocalHousekeeping, stopOnSignals } from '../local/local-housekeeping';
import { prepareLocalStack } from '../local/local-stack';
import { startServer } from './server';

/** `npm start`: the gateway on the local stack, with demo data on first start. */
async function main(): Promise<void> {
  const config = loadConfig();
  const stack = await prepareLocalStack(config);
  const { lock, userPool, container } = stack;
  // Under npm start the playground opens signed in as alice, the dashboard as admin (local demo users only).
  // Never in production: a page that carries a token hands it to whoever loads it.
  const browser = userPool && !config.production
    ? {
        playgroundAuthorization: `Bearer ${(await userPool.admin.signIn(userPool.settings.clientId, 'alice', demoPassword('alice'))).accessToken}`,
        dashboardAuthorization: `Bearer ${(await userPool.admin.signIn(userPool.settings.clientId, 'admin', demoPassword('admin'))).accessToken}`,
      }
    : undefined;
  const server = await startServer({ config, container, ...(browser ? { browser } : {}) });
  const [items, users, interactions] = await Promise.all([container.catalog.count(), container.users.count(), container.interactions.count()]);
  console.log(`recgate: data: ${items} items, ${users} users, ${interactions} interactions (tables ${Object.values(container.tables).join(', ')})`);
  await lock.announce(server.url);
  console.log(`recgate: GraphQL gateway listening on ${server.url}`);
  if (config.playground) console.log(`recgate: playground ${server.url} (in a browser${browser ? ', signed in as alice' : ''}); dashboard ${server.url.replace('/graphql', '/dashboard')}${browser ? ' (as admin)' : ''}`);
  if (userPool) console.log('recgate: get a token with  npm run token -- alice   (demo users: alice, bob, newcomer, admin)');
  console.log(
    `recgate: try  curl -s ${server.url} -H 'content-type: application/json' -H "authorization: Bearer $(npm run -s token -- alice)" -d '{"query":"{ recommendations(input: {limit: 3}) { strategyServed items { item { title } explanations { text } } } }"}'`,
  );

  const stopHousekeeping = startLocalHousekeeping(container);
  stopOnSignals(async () => {
    stopHousekeeping();
    await server.close();
    await stack.close();
  });
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(`recgate: could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}

function demoPassword(username: string): string {
  const user = DEMO_USERS.find((candidate) => candidate.username === username);
  if (!user) throw new Error(`no demo user ${username}`);
  return user.password;
}
