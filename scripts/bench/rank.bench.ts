import os from 'node:os';
import { parseArgs } from 'node:util';
import { FALLBACK_MIX, type PopularityArtefact, type HistoryEntry, type ItemArtefact } from '../../src/domain/model-artefacts';
import type { RecommenderRequest } from '../../src/ports/recommender.port';
import { ServedMixRecommender } from '../../src/recommenders/served-mix.recommender';

/**
 * The ranking step of one list, alone: a user with a 300-item history,
 * each history item with its 100 EASE and 100 item-kNN neighbours out of a 10,000-item
 * catalogue, ranked to 20 with the popularity and new-arrival lists — what a request does
 * after its reads. Deterministic data (an LCG), so runs compare.
 *
 *   npm run bench:rank -- [--history 300] [--items 10000] [--iterations 2000]
 */
function main(): void {
  const { values } = parseArgs({ options: { history: { type: 'string' }, items: { type: 'string' }, iterations: { type: 'string' } } });
  const historySize = Number(values.history ?? 300);
  const items = Number(values.items ?? 10_000);
  const iterations = Number(values.iterations ?? 2000);
  let state = 42;
  const random = (): number => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0), state / 2 ** 32);
  const id = (n: number): string => `i${String(n).padStart(5, '0')}`;
  const neighbours = (): { ids: string[]; weights: number[] } => {
    const ids = Array.from({ length: 100 }, () => id(Math.floor(random() ** 2 * items)));
    const weights = ids.map((_, rank) => 1 / (rank + 1));
    return { ids, weights };
  };
  const history: HistoryEntry[] = Array.from({ length: historySize }, (_, n) => ({ itemId: id(n * 7), type: 'WATCH', occurredAt: 1_700_000_000_000 - n * 60_000 }));
  const artefacts = new Map<string, ItemArtefact>(history.map((entry) => [entry.itemId, { itemId: entry.itemId, categories: ['Drama'], lists: { EASE: neighbours(), ITEM_KNN: neighbours() } }]));
  const popularity: PopularityArtefact = {
    asOf: 1_700_000_000_000,
    halfLifeDays: 30,
    overall: Array.from({ length: 200 }, (_, n) => ({ id: id(n), score: 200 - n })),
    byCategory: { Drama: Array.from({ length: 50 }, (_, n) => ({ id: id(n * 2), score: 50 - n })) },
    trending: [id(3)],
  };
  const inputs = { mix: FALLBACK_MIX, popularity, newArrivals: [{ id: id(items - 1), createdAt: 1, categories: ['Drama'] }], artefacts, user: undefined };
  const request: RecommenderRequest = { userId: 'u', history, exclude: new Set(history.map((entry) => entry.itemId)), interests: [], limit: 20, context: {}, inputs };
  const served = new ServedMixRecommender();
  for (let n = 0; n < 200; n++) served.recommend(request);
  // Rounds of lists, so a burst of load on the machine moves one round, not the figure: the median round is reported.
  const rounds = 10;
  const perRound = Math.max(1, Math.round(iterations / rounds));
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const started = process.hrtime.bigint();
    for (let n = 0; n < perRound; n++) served.recommend(request);
    times.push(Number(process.hrtime.bigint() - started) / 1e6 / perRound);
  }
  times.sort((a, b) => a - b);
  const ms = ((times[4] ?? 0) + (times[5] ?? 0)) / 2;
  console.log(`machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown cpu'}), Node ${process.version}`);
  console.log(`ranking a ${historySize}-item history (${historySize * 200} neighbour entries, ${items} items) to 20: ${ms.toFixed(3)} ms per list (median of ${rounds} rounds of ${perRound}; fastest ${(times[0] ?? 0).toFixed(3)}, slowest ${(times[rounds - 1] ?? 0).toFixed(3)})`);
}

main();
