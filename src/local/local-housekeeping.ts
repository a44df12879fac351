import type { Gateway } from '../container';

/**
 * What AWS does for the deployment and the local stack must do itself, for `npm start` and
 * `npm run start:lambda` alike: the scheduled replay Lambda (events Personalize did not take,
 * every minute) and DynamoDB's TTL (dynalite has none: served lists and anonymous sessions
 * past their expiresAt, every 10 minutes). Returns what stops both.
 */
export function startLocalHousekeeping(gateway: Pick<Gateway, 'personalizeEvents' | 'eventService' | 'lists' | 'anonymousSessions'>): () => void {
  const replay = gateway.personalizeEvents
    ? setInterval(() => {
        gateway.eventService
          .replayAll()
          .then(({ forwarded, failed }) => {
            if (forwarded + failed > 0) console.log(`recgate: replayed ${forwarded} events to Personalize${failed > 0 ? `, ${failed} still pending` : ''}`);
          })
          .catch((error: unknown) => console.error(`recgate: replaying events failed: ${String(error)}`));
      }, 60_000)
    : undefined;
  replay?.unref();
  const sweepExpired = (): void => {
    Promise.all([gateway.lists.deleteExpired(), gateway.anonymousSessions.deleteExpired()])
      .then(([lists, sessions]) => {
        if (lists > 0) console.log(`recgate: deleted ${lists} recommendation lists past their retention`);
        if (sessions > 0) console.log(`recgate: forgot ${sessions} anonymous sessions past their time to live`);
      })
      .catch((error: unknown) => console.error(`recgate: deleting expired rows failed: ${String(error)}`));
  };
  sweepExpired();
  const sweep = setInterval(sweepExpired, 10 * 60_000);
  sweep.unref();
  return () => {
    clearInterval(replay);
    clearInterval(sweep);
  };
}

/**
 * Stops on SIGINT/SIGTERM: `stop` once, then exit 0 (1 when it fails). One Ctrl-C can arrive
 * twice (the terminal signals every process of the group), so a second signal within a second
 * is the same press; a later one forces the stop.
 */
export function stopOnSignals(stop: () => Promise<void>): void {
  let stoppingSince: number | undefined;
  const onSignal = (signal: string): void => {
    if (stoppingSince !== undefined) {
      if (Date.now() - stoppingSince < 1000) return;
      console.log('recgate: stopping at once');
      process.exit(1);
    }
    stoppingSince = Date.now();
    console.log(`recgate: ${signal} received, stopping…`);
    stop()
      .then(() => {
        console.log('recgate: stopped');
        process.exit(0);
      })
      .catch((error: unknown) => {
        console.error('recgate: stopping failed:', error);
        process.exit(1);
      });
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));
}
