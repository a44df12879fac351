import { randomBytes } from 'node:crypto';
import { InProcessFeedNotifier } from '../../src/adapters/pubsub/in-process-feed-notifier';
import { RedisFeedNotifier } from '../../src/adapters/redis/redis-feed-notifier';
import { feedNotifierContract } from '../contracts/feed-notifier.contract';
import { startTestRedis, type TestRedis } from '../support/redis-server';

/** The feed notifier's contract against each adapter: in-process, and over a real redis-server (two instances on one channel). */
feedNotifierContract('in-process', async () => {
  const notifier = new InProcessFeedNotifier();
  return { notifier, peer: notifier, close: () => notifier.close() };
});

let redis: TestRedis;
beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(async () => {
  await redis.stop();
});

feedNotifierContract('Redis', async () => {
  const channel = `contract-${randomBytes(4).toString('hex')}`;
  const make = () => new RedisFeedNotifier({ url: redis.url, channel, timeoutMs: 2000 });
  const notifier = make();
  const peer = make();
  return {
    notifier,
    peer,
    close: async () => {
      await notifier.close();
      await peer.close();
    },
  };
});
