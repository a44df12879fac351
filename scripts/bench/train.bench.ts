import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readEvaluationDataset } from '../../src/evaluation/dataset-reader';
import { demoFormat } from '../../src/demo/demo.format';
import { movielensCsvFormat } from '../../src/importers/movielens-csv.format';
import { ALL_MODELS, DEFAULT_TRAINING, STAGE_OF, trainBaseline } from '../../src/models/baseline.trainer';
import { modelsOf, selectServedMix } from '../../src/selection/mix-selection';
import type { Positive } from '../../src/models/interaction-matrix';

/**
 * Times the baseline's training as `npm run train` does it — each model's hyper-parameters and
 * the served mix chosen on a validation split, then the models the mix weighs refitted on all
 * rows — and every model's own fit, on ml-latest-small scaled up
 * by copying its users: each copy keeps every rating with probability 0.9 and shifts it in
 * time, so the item-item structure stays MovieLens's. One size per process, so that the
 * peak RSS (getrusage maxrss) is that size's own.
 *
 * Catalogue size is grown with the demo generator instead: 300,000 interactions of 10,000
 * users over 10,000 and 50,000 items.
 *
 *   npm run bench:train                        # 100k, ~280k and ~1M (1, 3 and 11 copies), then 10k and 50k demo items, each in a fresh process
 *   npm run bench:train -- --scale 3           # one size, in this process
 *   npm run bench:train -- --catalogue 10000   # one demo catalogue, in this process
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { scale: { type: 'string' }, dataset: { type: 'string' }, catalogue: { type: 'string' } } });
  const dataset = path.resolve(values.dataset ?? path.join(__dirname, '../../../shared/datasets/ml-latest-small'));
  if (values.scale === undefined && values.catalogue === undefined) {
    console.log(`machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown cpu'}), Node ${process.version}; training runs on one core (one JavaScript thread)`);
    console.log('Every model is refitted on all rows to show its cost; "train (s)" counts what npm run train does: the selection, then the matrix, popularity, item-kNN and the models the chosen mix weighs.');
    console.log('| interactions | users | items | selection (s) | matrix (s) | popularity (s) | item-kNN (s) | EASE (s) | PureSVD (s) | RP3beta (s) | user-kNN (s) | served mix | train (s) | peak RSS (MiB) |');
    console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
    for (const scale of ['1', '3', '11']) {
      process.stdout.write(execFileSync(process.execPath, [...process.execArgv, __filename, '--scale', scale, '--dataset', dataset], { encoding: 'utf8' }));
    }
    for (const items of ['10000', '50000']) {
      process.stdout.write(execFileSync(process.execPath, [...process.execArgv, __filename, '--catalogue', items], { encoding: 'utf8', maxBuffer: 1 << 20 }));
    }
    return;
  }
  const { positives, catalogue } =
    values.catalogue !== undefined
      ? await readEvaluationDataset(await demoFormat.open(`42/${Number(values.catalogue)}/10000/30`))
      : await (async () => {
          const read = await readEvaluationDataset(await movielensCsvFormat.open(dataset));
          return { positives: scaleUp(read.positives, Number(values.scale)), catalogue: read.catalogue };
        })();
  const selection = selectServedMix(positives, catalogue, DEFAULT_TRAINING);
  const model = trainBaseline(positives, catalogue, selection.options, undefined, ALL_MODELS);
  const t = model.timings;
  const served = modelsOf(selection.chosen.mix);
  // item-kNN is fitted whatever the mix (Item.similar): counted once.
  const trainMs = selection.seconds * 1000 + t.matrix + t.popularity + t['item-knn'] + served.filter((name) => name !== 'ITEM_KNN').reduce((sum, name) => sum + t[STAGE_OF[name]], 0);
  const s = (ms: number): string => (ms / 1000).toFixed(1);
  const peakMiB = Math.round(process.resourceUsage().maxRSS / 1024);
  const cells = [selection.seconds.toFixed(1), s(t.matrix), s(t.popularity), s(t['item-knn']), s(t.ease), s(t['pure-svd']), s(t.rp3beta), s(t['user-knn']), served.join(' + '), s(trainMs), String(peakMiB)];
  console.log(`| ${positives.length.toLocaleString('en-US')} | ${model.users.toLocaleString('en-US')} | ${model.itemIds.length.toLocaleString('en-US')} | ${cells.join(' | ')} |`);
}

function scaleUp(base: readonly Positive[], scale: number): Positive[] {
  if (scale === 1) return [...base];
  let state = 12345;
  const random = (): number => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0), state / 2 ** 32);
  const scaled: Positive[] = [];
  for (let copy = 0; copy < scale; copy++) {
    for (const row of base) {
      if (copy > 0 && random() >= 0.9) continue;
      scaled.push(copy === 0 ? row : { userId: `${row.userId}#${copy}`, itemId: row.itemId, occurredAt: row.occurredAt + copy * 3_600_000 });
    }
  }
  return scaled;
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
