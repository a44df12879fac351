import { InProcessFeedNotifier } from '../adapters/pubsub/in-process-feed-notifier';
import { RedisFeedNotifier } from '../adapters/redis/redis-feed-notifier';
import type { Config } from '../config';
import type { Log } from '../logger';
import type { FeedNotifier } from '../ports/feed-notifier.port';

/** Feed changes shared through Redis when REDIS_URL is set, within the process otherwise. Connects on first use. */
export function createFeedNotifier(config: Config, log: Log): FeedNotifier {
  return config.live.redisUrl
    ? new RedisFeedNotifier({ url: config.live.redisUrl, channel: `${config.storage.tablePrefix}feed`, timeoutMs: config.storage.requestTimeoutMs, log })
    : new InProcessFeedNotifier();
}
