import type { FeedbackEvent } from '../domain/feedback-event';
import type { ItemId } from '../domain/item';
import type { RecommendationSource, Strategy } from '../domain/recommendation';
import type { User, UserId } from '../domain/user';
import {
  catalogueCoverage,
  kendallTauOnCommon,
  meanPopularityPercentile,
  overlapAtK,
  popularityPercentiles,
  rankBiasedOverlap,
  wilsonInterval,
  type Proportion,
} from '../evaluation/list-comparison';
import type { FeedbackEventStore } from '../ports/feedback-event-store.port';
import type { InteractionStoreWriter } from '../ports/interaction-store.port';
import type { ItemCatalogWriter } from '../ports/item-catalog.port';
import type { RecommendationListStore } from '../ports/recommendation-list-store.port';
import type { UserDirectoryWriter } from '../ports/user-directory.port';
import { InvalidArgumentError } from '../domain/errors';
import type { RecommendationService } from './recommendation.service';
import type { RequestReaders } from './served-list.assembler';
import { rethrowFirstError } from '../support/batch-results';

export interface StrategyReportInput {
  /** List length compared (1–100, default 10). */
  readonly k?: number;
  /** At most this many users, the first by id (default: all). */
  readonly sample?: number;
  /** Only users whose profile attribute has this value (e.g. country = DE). */
  readonly segment?: { readonly attribute: string; readonly value: string };
}

export interface Distribution {
  readonly mean: number | null;
  /** How many users fall in each tenth of 0–1 (the last bin holds 1). */
  readonly histogram: readonly number[];
}

export interface RateRow {
  readonly impressions: number;
  readonly clicks: number;
  readonly ctr: Proportion;
}

export interface StrategyReport {
  readonly generatedAt: number;
  readonly k: number;
  readonly users: number;
  /** Users for whom both strategies answered (Personalize did not fall back). */
  readonly comparedUsers: number;
  /** Why Personalize could not answer, per reason, over the users asked. */
  readonly fallbacks: Readonly<Record<string, number>>;
  readonly overlap: Distribution;
  /** Mean overlap@j for j = 1 … k. */
  readonly overlapCurve: readonly { readonly k: number; readonly mean: number }[];
  readonly kendallTau: Distribution & { readonly users: number };
  readonly rbo: Distribution;
  /** Items Personalize put in some list that the baseline put in none. */
  readonly newContent: { readonly items: number; readonly share: number; readonly examples: readonly { readonly id: ItemId; readonly title: string }[] };
  readonly coverage: { readonly baseline: number; readonly personalize: number };
  readonly popularityBias: { readonly baseline: number; readonly personalize: number };
  /** From recorded events of the same users: per strategy served and per source. */
  readonly byStrategy: readonly (RateRow & { readonly strategy: Strategy; readonly watchSeconds: number })[];
  readonly bySource: readonly (RateRow & { readonly source: RecommendationSource })[];
}

export interface StrategyReportPorts {
  readonly users: Pick<UserDirectoryWriter, 'scanUsers'>;
  readonly interactions: Pick<InteractionStoreWriter, 'countByItem'>;
  readonly catalog: Pick<ItemCatalogWriter, 'scanCatalogue'>;
  readonly events: Pick<FeedbackEventStore, 'scanEvents'>;
  readonly lists: Pick<RecommendationListStore, 'getLists'>;
  readonly recommendations: Pick<RecommendationService, 'recommend'>;
}

/**
 * Baseline against Personalize, side by side: for each user of the set, both lists (computed,
 * not stored) compared — overlap@k, Kendall's tau on common items, rank-biased overlap, new
 * content only Personalize surfaced, coverage and popularity bias — and, from the events
 * those users recorded, impressions, clicks and CTR with 95 % intervals per strategy and per
 * source, and watch time.
 */
export class StrategyReportService {
  constructor(private readonly ports: StrategyReportPorts) {}

  async report(input: StrategyReportInput, readers: () => RequestReaders): Promise<StrategyReport> {
    const k = input.k ?? 10;
    if (!Number.isInteger(k) || k < 1 || k > 100) throw new InvalidArgumentError('k', `must be between 1 and 100, got ${k}`);
    if (input.sample !== undefined && (!Number.isInteger(input.sample) || input.sample < 1)) throw new InvalidArgumentError('sample', `must be a positive whole number, got ${input.sample}`);
    const users = await this.usersOf(input);
    // Every catalogue item, those nobody interacted with at 0: coverage and percentiles are of the whole catalogue.
    const [counts, catalogueIds] = await Promise.all([this.ports.interactions.countByItem(), this.catalogueIds()]);
    const popularity = new Map(catalogueIds.map((id) => [id, counts.get(id) ?? 0]));
    const percentiles = popularityPercentiles(popularity);

    const baselineLists: ItemId[][] = [];
    const personalizeLists: ItemId[][] = [];
    const fallbacks: Record<string, number> = {};
    const titles = new Map<ItemId, string>();
    for (const user of users) {
      const ask = (strategy: Strategy) => this.ports.recommendations.recommend(user.id, { strategy, limit: k, categories: [], excludeSeen: true, context: {}, store: false }, readers());
      const [baseline, personalize] = await Promise.all([ask('BASELINE'), ask('PERSONALIZE')]);
      if (personalize.list.strategyServed !== 'PERSONALIZE') {
        const reason = personalize.list.fallbackReason ?? 'UNKNOWN';
        fallbacks[reason] = (fallbacks[reason] ?? 0) + 1;
        continue;
      }
      for (const entry of [...baseline.items, ...personalize.items]) titles.set(entry.item.id, entry.item.title);
      baselineLists.push(baseline.items.map((entry) => entry.item.id));
      personalizeLists.push(personalize.items.map((entry) => entry.item.id));
    }

    const pairs = baselineLists.map((baseline, index) => [baseline, personalizeLists[index] ?? []] as const);
    const taus = pairs.map(([a, b]) => kendallTauOnCommon(a, b)).filter((tau): tau is number => tau !== null);
    const inBaseline = new Set(baselineLists.flat());
    const onlyPersonalize = [...new Set(personalizeLists.flat())].filter((id) => !inBaseline.has(id));
    const personalizeItems = new Set(personalizeLists.flat()).size;
    const catalogueSize = popularity.size;
    const { byStrategy, bySource } = await this.online(new Set(users.map((user) => user.id)));
    return {
      generatedAt: Date.now(),
      k,
      users: users.length,
      comparedUsers: pairs.length,
      fallbacks,
      overlap: distribution(pairs.map(([a, b]) => overlapAtK(a, b, k))),
      overlapCurve: Array.from({ length: k }, (_, index) => ({ k: index + 1, mean: mean(pairs.map(([a, b]) => overlapAtK(a, b, index + 1))) ?? 0 })),
      kendallTau: { ...distribution(taus.map((tau) => (tau + 1) / 2), taus), users: taus.length },
      rbo: distribution(pairs.map(([a, b]) => rankBiasedOverlap(a, b))),
      newContent: {
        items: onlyPersonalize.length,
        share: personalizeItems === 0 ? 0 : onlyPersonalize.length / personalizeItems,
        examples: onlyPersonalize.slice(0, 10).map((id) => ({ id, title: titles.get(id) ?? id })),
      },
      coverage: { baseline: catalogueCoverage(baselineLists, catalogueSize), personalize: catalogueCoverage(personalizeLists, catalogueSize) },
      popularityBias: { baseline: meanPopularityPercentile(baselineLists, percentiles), personalize: meanPopularityPercentile(personalizeLists, percentiles) },
      byStrategy,
      bySource,
    };
  }

  private async catalogueIds(): Promise<ItemId[]> {
    const ids: ItemId[] = [];
    await this.ports.catalog.scanCatalogue((item) => ids.push(item.id));
    return ids;
  }

  private async usersOf(input: StrategyReportInput): Promise<User[]> {
    const users: User[] = [];
    await this.ports.users.scanUsers((user) => {
      if (input.segment && user.attributes[input.segment.attribute] !== input.segment.value) return;
      users.push(user);
    });
    users.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return input.sample === undefined ? users : users.slice(0, input.sample);
  }

  /** Impressions and clicks of these users' recorded events, by the strategy and source they are attributed to. */
  private async online(users: ReadonlySet<UserId>): Promise<Pick<StrategyReport, 'byStrategy' | 'bySource'>> {
    const events: FeedbackEvent[] = [];
    await this.ports.events.scanEvents((event) => {
      if (users.has(event.userId) && event.attribution) events.push(event);
    });
    // An impression's items get their source from the stored list they were shown from.
    const listIds = [...new Set(events.filter((event) => event.kind === 'IMPRESSION').map((event) => event.attribution?.recommendationId ?? ''))];
    const lists = new Map<string, Map<ItemId, RecommendationSource>>();
    for (let start = 0; start < listIds.length; start += 100) {
      const chunk = listIds.slice(start, start + 100);
      const loaded = rethrowFirstError(await this.ports.lists.getLists(chunk));
      loaded.forEach((list, index) => {
        if (list) lists.set(chunk[index] ?? '', new Map(list.items.map((entry) => [entry.itemId, entry.source])));
      });
    }
    const strategy = new Map<Strategy, { impressions: number; clicks: number; watchSeconds: number }>();
    const source = new Map<RecommendationSource, { impressions: number; clicks: number }>();
    const bump = <K>(map: Map<K, { impressions: number; clicks: number; watchSeconds?: number }>, key: K, fresh: () => { impressions: number; clicks: number; watchSeconds?: number }) => {
      let row = map.get(key);
      if (!row) map.set(key, (row = fresh()));
      return row;
    };
    for (const event of events) {
      const attribution = event.attribution;
      if (!attribution) continue;
      const byStrategy = bump(strategy, attribution.strategy, () => ({ impressions: 0, clicks: 0, watchSeconds: 0 }));
      if (event.kind === 'IMPRESSION') {
        byStrategy.impressions += event.itemIds.length;
        const sources = lists.get(attribution.recommendationId);
        for (const itemId of event.itemIds) {
          const itemSource = sources?.get(itemId);
          if (itemSource) bump(source, itemSource, () => ({ impressions: 0, clicks: 0 })).impressions++;
        }
      } else if (event.kind === 'CLICK') {
        byStrategy.clicks++;
        if (attribution.source) bump(source, attribution.source, () => ({ impressions: 0, clicks: 0 })).clicks++;
      } else if (event.interactionType === 'WATCH' && event.value !== undefined) {
        byStrategy.watchSeconds = (byStrategy.watchSeconds ?? 0) + event.value;
      }
    }
    return {
      byStrategy: [...strategy.entries()].map(([name, row]) => ({ strategy: name, impressions: row.impressions, clicks: row.clicks, ctr: wilsonInterval(row.clicks, row.impressions), watchSeconds: row.watchSeconds })),
      bySource: [...source.entries()].map(([name, row]) => ({ source: name, impressions: row.impressions, clicks: row.clicks, ctr: wilsonInterval(row.clicks, row.impressions) })),
    };
  }
}

function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** Mean of `raw` (default: the values) and a histogram of `values` (each in 0–1) in tenths. */
function distribution(values: readonly number[], raw: readonly number[] = values): Distribution {
  const histogram = Array.from({ length: 10 }, () => 0);
  for (const value of values) {
    const bin = Math.min(9, Math.max(0, Math.floor(value * 10)));
    histogram[bin] = (histogram[bin] ?? 0) + 1;
  }
  return { mean: mean(raw), histogram };
}
