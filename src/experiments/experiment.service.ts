import { randomUUID } from 'node:crypto';
import { SeededRandom } from '../support/seeded-random';
import { ConflictError, InvalidArgumentError } from '../domain/errors';
import { EXPERIMENT_KINDS, INTERLEAVED, type Experiment, type ExperimentKind, type ExperimentVariant } from '../domain/experiment';
import type { RecommendationList, Strategy } from '../domain/recommendation';
import { wilsonInterval, type Proportion } from '../evaluation/list-comparison';
import { assignVariant, unitHash } from './assignment';
import { teamDraftInterleave } from './team-draft';
import { probabilityBest, thompsonChoice, type ArmStats } from './thompson-sampling';
import type { ExperimentStore } from '../ports/experiment-store.port';
import type { FeedbackEventStore } from '../ports/feedback-event-store.port';
import type { RecommendationListStore } from '../ports/recommendation-list-store.port';
import type { RecommendationRequest, RecommendationService } from '../services/recommendation.service';
import type { RequestReaders, ServedItem, ServedRecommendations } from '../services/served-list.assembler';
import { rethrowFirstError } from '../support/batch-results';
import { SharedLoad } from '../support/shared-load';

export interface CreateExperimentInput {
  readonly name: string;
  readonly kind: ExperimentKind;
  readonly variants: readonly { readonly name: string; readonly strategy: Strategy; readonly personalizeWeight?: number | null; readonly weight?: number | null }[];
}

export interface VariantResult {
  readonly name: string;
  readonly strategy: Strategy;
  /** Impression events (a list shown) attributed to the variant. */
  readonly exposures: number;
  readonly impressions: number;
  readonly clicks: number;
  readonly ctr: Proportion;
  /** The chance that its true click-through is the highest (Beta posteriors, Monte Carlo). */
  readonly probabilityBest: number;
}

export interface ExperimentResults {
  readonly experiment: Experiment;
  readonly variants: readonly VariantResult[];
}

export interface ExperimentPorts {
  readonly experiments: ExperimentStore;
  readonly events: Pick<FeedbackEventStore, 'scanEvents'>;
  readonly lists: Pick<RecommendationListStore, 'getLists' | 'save'>;
  readonly recommendations: Pick<RecommendationService, 'recommend'>;
}

export interface ExperimentOptions {
  /** A bandit keeps a user's variant this long (no two variants in a session), then re-draws from updated posteriors. */
  readonly banditWindowMs: number;
  /** How long the running experiment is cached per process. */
  readonly activeCacheMs: number;
}

/**
 * Online experiments: admins create, start, stop and read them; `AUTO` requests are served by
 * the running one (at most one runs at a time). Assignment is by hashing, so no state is kept
 * per user: A/B by weight; a bandit by Thompson sampling seeded by the user and the current
 * window, over the click-through the variants earned until that window began; interleaving
 * mixes two variants' lists by team draft, each item remembering its team. Exposure (the list
 * served) and outcome (the click) carry the variant through the list's attribution.
 */
export class ExperimentService {
  // Requests that find these expired together share one read: one Scan of the experiments, one
  // scan of the event log per bandit window.
  private readonly active = new SharedLoad<Experiment | undefined>();
  private readonly banditStats = new Map<string, SharedLoad<ArmStats[]>>();

  constructor(
    private readonly ports: ExperimentPorts,
    private readonly options: ExperimentOptions = { banditWindowMs: 10 * 60_000, activeCacheMs: 5_000 },
    private readonly clock: () => number = Date.now,
  ) {}

  async create(input: CreateExperimentInput): Promise<Experiment> {
    const name = input.name.trim();
    if (name.length < 1 || name.length > 100) throw new InvalidArgumentError('name', 'must be 1–100 characters');
    if (!EXPERIMENT_KINDS.includes(input.kind)) throw new InvalidArgumentError('kind', `must be one of ${EXPERIMENT_KINDS.join(', ')}`);
    if (input.variants.length < 2 || input.variants.length > 10) throw new InvalidArgumentError('variants', 'takes 2–10 variants');
    if (input.kind === 'INTERLEAVING' && input.variants.length !== 2) throw new InvalidArgumentError('variants', 'interleaving mixes exactly 2 variants');
    const names = new Set(input.variants.map((variant) => variant.name));
    if (names.size !== input.variants.length || names.has(INTERLEAVED)) throw new InvalidArgumentError('variants', `need distinct names (and not "${INTERLEAVED}")`);
    const variants: ExperimentVariant[] = input.variants.map((variant, index) => {
      if (!/^[\w.-]{1,40}$/.test(variant.name)) throw new InvalidArgumentError(`variants[${index}].name`, 'must be 1–40 letters, digits, "_", "." or "-"');
      if (variant.strategy === 'AUTO') throw new InvalidArgumentError(`variants[${index}].strategy`, 'must be BASELINE, PERSONALIZE or BLENDED (AUTO is what the experiment decides)');
      const weight = variant.weight ?? 1;
      if (!(weight > 0 && weight <= 1000)) throw new InvalidArgumentError(`variants[${index}].weight`, 'must be above 0 and at most 1000');
      const personalizeWeight = variant.personalizeWeight ?? undefined;
      if (personalizeWeight !== undefined && !(personalizeWeight >= 0 && personalizeWeight <= 1)) throw new InvalidArgumentError(`variants[${index}].personalizeWeight`, 'must be between 0 and 1');
      return { name: variant.name, strategy: variant.strategy, personalizeWeight, weight };
    });
    const experiment: Experiment = { id: randomUUID(), name, kind: input.kind, variants, status: 'DRAFT', createdAt: this.clock(), startedAt: undefined, stoppedAt: undefined };
    await this.ports.experiments.create(experiment);
    return experiment;
  }

  async start(id: string): Promise<Experiment> {
    const running = (await this.ports.experiments.list()).find((experiment) => experiment.status === 'RUNNING');
    if (running && running.id !== id) throw new ConflictError(`Experiment "${running.name}" is running; stop it first (AUTO follows one experiment at a time).`);
    await this.move(id, 'DRAFT', 'RUNNING');
    return this.require(id);
  }

  async stop(id: string): Promise<Experiment> {
    await this.move(id, 'RUNNING', 'STOPPED');
    return this.require(id);
  }

  list(): Promise<Experiment[]> {
    return this.ports.experiments.list();
  }

  async results(id: string): Promise<ExperimentResults> {
    const experiment = await this.require(id);
    const arms = await this.armStats(experiment);
    const best = probabilityBest(arms.map((arm) => ({ clicks: arm.clicks, impressions: arm.impressions })));
    return {
      experiment,
      variants: experiment.variants.map((variant, index) => {
        const arm = arms[index] ?? { clicks: 0, impressions: 0, exposures: 0 };
        return { name: variant.name, strategy: variant.strategy, exposures: arm.exposures, impressions: arm.impressions, clicks: arm.clicks, ctr: wilsonInterval(arm.clicks, arm.impressions), probabilityBest: best[index] ?? 0 };
      }),
    };
  }

  /** An `AUTO` request: served by the running experiment when there is one (and a signed-in user), else as it is. */
  async recommend(userId: string | undefined, request: RecommendationRequest, readers: RequestReaders): Promise<ServedRecommendations> {
    const experiment = request.strategy === 'AUTO' && userId !== undefined ? await this.running() : undefined;
    if (!experiment || userId === undefined) return this.ports.recommendations.recommend(userId, request, readers);
    if (experiment.kind === 'INTERLEAVING') return this.interleave(experiment, userId, request, readers);
    const index = experiment.kind === 'AB' ? assignVariant(userId, experiment.id, experiment.variants.map((variant) => variant.weight)) : await this.banditChoice(experiment, userId);
    const variant = experiment.variants[index] ?? experiment.variants[0];
    if (!variant) return this.ports.recommendations.recommend(userId, request, readers);
    return this.ports.recommendations.recommend(userId, { ...this.asVariant(request, variant), experiment: { experimentId: experiment.id, variant: variant.name } }, readers);
  }

  private asVariant(request: RecommendationRequest, variant: ExperimentVariant): RecommendationRequest {
    return { ...request, strategy: variant.strategy, personalizeWeight: variant.personalizeWeight ?? request.personalizeWeight };
  }

  private async interleave(experiment: Experiment, userId: string, request: RecommendationRequest, readers: RequestReaders): Promise<ServedRecommendations> {
    const [first, second] = experiment.variants;
    if (!first || !second) return this.ports.recommendations.recommend(userId, request, readers);
    const [a, b] = await Promise.all([
      this.ports.recommendations.recommend(userId, { ...this.asVariant(request, first), store: false }, readers),
      this.ports.recommendations.recommend(userId, { ...this.asVariant(request, second), store: false }, readers),
    ]);
    const byId = new Map<string, ServedItem>([...b.items, ...a.items].map((entry) => [entry.item.id, entry]));
    const now = this.clock();
    const drafted = teamDraftInterleave(
      a.items.map((entry) => entry.item.id),
      b.items.map((entry) => entry.item.id),
      Math.max(a.items.length, b.items.length),
      new SeededRandom(Math.floor(unitHash(experiment.id, userId, String(now)) * 2 ** 32)),
    );
    const items = drafted.flatMap((pick, index) => {
      const entry = byId.get(pick.itemId);
      return entry ? [{ ...entry, rank: index + 1 }] : [];
    });
    const teams = Object.fromEntries(drafted.map((pick) => [pick.itemId, (pick.team === 0 ? first : second).name]));
    const list: RecommendationList = {
      ...a.list,
      id: randomUUID(),
      strategyRequested: 'AUTO',
      strategyServed: 'BLENDED',
      generatedAt: now,
      items: items.map((entry) => ({ itemId: entry.item.id, rank: entry.rank, score: entry.score, source: entry.source })),
      personalizeRecommendationId: a.list.personalizeRecommendationId ?? b.list.personalizeRecommendationId,
      experiment: { experimentId: experiment.id, variant: INTERLEAVED, teams },
    };
    if (request.store !== false) await this.ports.lists.save(list);
    return { list, items };
  }

  private async banditChoice(experiment: Experiment, userId: string): Promise<number> {
    const window = Math.floor(this.clock() / this.options.banditWindowMs);
    let stats = this.banditStats.get(experiment.id);
    if (!stats) this.banditStats.set(experiment.id, (stats = new SharedLoad()));
    const arms = await stats.get(() => this.armStats(experiment), { now: 0, ttlMs: Infinity, key: String(window) });
    return thompsonChoice(arms, new SeededRandom(Math.floor(unitHash(experiment.id, userId, String(window)) * 2 ** 32)));
  }

  /** Impressions and clicks per variant from the recorded events; an interleaved impression counts each item for its team. */
  private async armStats(experiment: Experiment): Promise<{ clicks: number; impressions: number; exposures: number }[]> {
    const index = new Map(experiment.variants.map((variant, position) => [variant.name, position]));
    const arms = experiment.variants.map(() => ({ clicks: 0, impressions: 0, exposures: 0 }));
    const interleavedImpressions: { listId: string; itemIds: readonly string[] }[] = [];
    await this.ports.events.scanEvents((event) => {
      const exposure = event.attribution?.experiment;
      if (!exposure || exposure.experimentId !== experiment.id) return;
      if (event.kind === 'IMPRESSION' && exposure.variant === INTERLEAVED) {
        interleavedImpressions.push({ listId: event.attribution?.recommendationId ?? '', itemIds: event.itemIds });
        return;
      }
      const arm = arms[index.get(exposure.variant) ?? -1];
      if (!arm) return;
      if (event.kind === 'IMPRESSION') {
        arm.exposures++;
        arm.impressions += event.itemIds.length;
      } else if (event.kind === 'CLICK') arm.clicks++;
    });
    for (let start = 0; start < interleavedImpressions.length; start += 100) {
      const chunk = interleavedImpressions.slice(start, start + 100);
      // A list that could not be read fails the results (retryable), rather than dropping its impressions.
      const lists = rethrowFirstError(await this.ports.lists.getLists(chunk.map((entry) => entry.listId)));
      chunk.forEach((entry, position) => {
        const teams = lists[position]?.experiment?.teams;
        const seen = new Set<number>();
        for (const itemId of entry.itemIds) {
          const team = index.get(teams?.[itemId] ?? '');
          const arm = team === undefined ? undefined : arms[team];
          if (!arm || team === undefined) continue;
          arm.impressions++;
          seen.add(team);
        }
        for (const team of seen) {
          const arm = arms[team];
          if (arm) arm.exposures++;
        }
      });
    }
    return arms;
  }

  private async running(): Promise<Experiment | undefined> {
    return this.active.get(async () => (await this.ports.experiments.list()).find((candidate) => candidate.status === 'RUNNING'), {
      now: this.clock(),
      ttlMs: this.options.activeCacheMs,
    });
  }

  private async move(id: string, from: 'DRAFT' | 'RUNNING', to: 'RUNNING' | 'STOPPED'): Promise<void> {
    const experiment = await this.require(id);
    if (!(await this.ports.experiments.transition(id, from, to, this.clock()))) {
      throw new ConflictError(`Experiment "${experiment.name}" is ${experiment.status}; only a ${from} experiment can be ${to === 'RUNNING' ? 'started' : 'stopped'}.`);
    }
    this.active.forget();
  }

  private async require(id: string): Promise<Experiment> {
    const experiment = await this.ports.experiments.get(id);
    if (!experiment) throw new InvalidArgumentError('id', `names no experiment: "${id}"`);
    return experiment;
  }
}
