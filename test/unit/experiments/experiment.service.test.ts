import type { Experiment } from '../../../src/domain/experiment';
import { ExperimentService } from '../../../src/experiments/experiment.service';
import type { RecommendationRequest } from '../../../src/services/recommendation.service';
import type { RequestReaders, ServedRecommendations } from '../../../src/services/served-list.assembler';

const BANDIT: Experiment = {
  id: 'exp-1',
  name: 'bandit',
  kind: 'BANDIT',
  variants: [
    { name: 'baseline', strategy: 'BASELINE', personalizeWeight: undefined, weight: 1 },
    { name: 'blended', strategy: 'BLENDED', personalizeWeight: undefined, weight: 1 },
  ],
  status: 'RUNNING',
  createdAt: 0,
  startedAt: 0,
  stoppedAt: undefined,
};
const AUTO: RecommendationRequest = { strategy: 'AUTO', limit: 5, categories: undefined, excludeSeen: undefined, context: {} };
const readers = {} as RequestReaders;

/** AUTO requests arriving together when the caches expire (fake stores that count their reads: the stampede is about call counts, not storage). */
describe('experiment service caches under concurrent requests (fake stores counting reads)', () => {
  let now = 0;
  let listCalls = 0;
  let scanCalls = 0;
  let failNextList = false;
  const served: string[] = [];
  const service = new ExperimentService(
    {
      experiments: {
        create: async () => undefined,
        get: async () => BANDIT,
        transition: async () => true,
        list: async () => {
          listCalls++;
          await new Promise((resolve) => setTimeout(resolve, 10));
          if (failNextList) {
            failNextList = false;
            throw new Error('scan failed');
          }
          return [BANDIT];
        },
      },
      events: {
        scanEvents: async () => {
          scanCalls++;
          await new Promise((resolve) => setTimeout(resolve, 10));
        },
      },
      lists: { getLists: async () => [], save: async () => undefined },
      recommendations: {
        recommend: async (_userId, request) => {
          served.push(request.experiment?.variant ?? 'none');
          return { list: {}, items: [] } as unknown as ServedRecommendations;
        },
      },
    },
    { banditWindowMs: 60_000, activeCacheMs: 5_000 },
    () => now,
  );
  const burst = (size: number) => Promise.all(Array.from({ length: size }, (_, n) => service.recommend(`u${n}`, AUTO, readers)));

  it('reads the running experiment and the bandit statistics once for a burst, and again only when they expire', async () => {
    await burst(30);
    expect([listCalls, scanCalls]).toEqual([1, 1]);
    expect(served.filter((variant) => variant === 'baseline' || variant === 'blended')).toHaveLength(30);
    now += 5_001; // the experiment cache expires, the bandit window does not
    await burst(30);
    expect([listCalls, scanCalls]).toEqual([2, 1]);
    now += 60_000; // both expire
    await burst(30);
    expect([listCalls, scanCalls]).toEqual([3, 2]);
  });

  it('does not keep a failed read: the burst fails together, the next request reads again', async () => {
    now += 5_001;
    failNextList = true;
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => service.recommend('u1', AUTO, readers)));
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected', 'rejected']);
    const before = listCalls;
    await service.recommend('u1', AUTO, readers);
    expect(listCalls).toBe(before + 1);
  });
});
