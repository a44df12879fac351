import { loadConfig } from '../config';
import { DEMO_USERS } from '../local/cognito/local-user-pool.settings';
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

  let stoppingSince: number | undefined;
  // The local stand-in for the scheduled replay Lambda: events Personalize did not take are sent again every minute.
  const replay = container.personalizeEvents
    ? setInterval(() => {
        container.eventService
          .replayAll()
          .then(({ forwarded, failed }) => {
            if (forwarded + failed > 0) console.log(`recgate: replayed ${forwarded} events to Personalize${failed > 0 ? `, ${failed} still pending` : ''}`);
          })
          .catch((error: unknown) => console.error(`recgate: replaying events failed: ${String(error)}`));
      }, 60_000)
    : undefined;
  replay?.unref();
  // The local stand-in for DynamoDB's TTL (dynalite has none): served lists and anonymous sessions past their expiresAt go.
  const sweepExpired = (): void => {
    Promise.all([container.lists.deleteExpired(), container.anonymousSessions.deleteExpired()])
      .then(([lists, sessions]) => {
        if (lists > 0) console.log(`recgate: deleted ${lists} recommendation lists past their retention`);
        if (sessions > 0) console.log(`recgate: forgot ${sessions} anonymous sessions past their time to live`);
      })
      .catch((error: unknown) => console.error(`recgate: deleting expired rows failed: ${String(error)}`));
  };
  sweepExpired();
  const sweep = setInterval(sweepExpired, 10 * 60_000);
  sweep.unref();

  const stop = (signal: string): void => {
    if (stoppingSince !== undefined) {
      // One Ctrl-C can arrive twice (the terminal signals every process of the group); a second press, later, forces the stop.
      if (Date.now() - stoppingSince < 1000) return;
      console.log('recgate: stopping at once');
      process.exit(1);
    }
    stoppingSince = Date.now();
    clearInterval(replay);
    clearInterval(sweep);
    console.log(`recgate: ${signal} received, stopping…`);
    server
      .close()
      .then(() => stack.close())
      .then(() => {
        console.log('recgate: stopped');
        process.exit(0);
      })
      .catch((error: unknown) => {
        console.error('recgate: stopping failed:', error);
        process.exit(1);
      });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
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
