import type { Experiment } from '../src/domain/experiment';
import type { Interaction } from '../src/domain/interaction';
import type { ServedMix } from '../src/domain/model-artefacts';
import type { ModelInfo } from '../src/ports/model-store.port';
import type { FeedState } from '../src/services/feed-state.service';
import type { FeedStateType } from '../schema/feed-state.type';
import type { ExperimentType } from '../schema/experiment.type';
import type { CurrentModelType, ServedMixType } from '../schema/model.type';
import type { Item } from '../src/domain/item';
import type { Page } from '../src/domain/page';
import type { User } from '../src/domain/user';
import type { ServedRecommendations } from '../src/services/served-list.assembler';
import type { StrategyReport } from '../src/services/strategy-report.service';
import type { StrategyReportType } from '../schema/strategy-report.type';
import type { RecommendationListType } from '../schema/recommendation-list.type';
import type { AttributeType } from '../schema/attribute.type';
import type { InteractionGraphType } from '../schema/interaction.type';
import type { ItemType } from '../schema/item.type';
import type { UserType } from '../schema/user.type';

export function attributesToGraph(attributes: Readonly<Record<string, string>>): AttributeType[] {
  return Object.entries(attributes)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => ({ key, value }));
}

/**
 * An item as the schema's type; the fields that cost a copy, a sort or a Date are made when a
 * query selects them (a list's items and the items its explanations name rarely ask for attributes).
 * A class, so that these getters live once on its prototype and every item has one shape,
 * instead of an object literal with getters built for each item of every list.
 */
class ItemView implements ItemType {
  readonly id: string;
  readonly title: string;
  readonly popularity: number;
  readonly #item: Item;

  constructor(item: Item) {
    this.id = item.id;
    this.title = item.title;
    this.popularity = item.popularity;
    this.#item = item;
  }

  get categories(): string[] {
    return [...this.#item.categories];
  }

  get attributes(): AttributeType[] {
    return attributesToGraph(this.#item.attributes);
  }

  get createdAt(): Date {
    return new Date(this.#item.createdAt);
  }
}

export function itemToGraph(item: Item): ItemType {
  return new ItemView(item);
}

export function userToGraph(user: User): UserType {
  return { id: user.id, attributes: attributesToGraph(user.attributes) };
}

export function interactionToGraph(event: Interaction): InteractionGraphType {
  return {
    id: event.eventId,
    type: event.type,
    eventType: event.eventType,
    itemId: event.itemId,
    value: event.value ?? null,
    timestamp: new Date(event.occurredAt),
  };
}

/** A domain page as a Relay connection. */
export function connectionOf<T, G>(page: Page<T>, toGraph: (node: T) => G) {
  return {
    edges: page.nodes.map(({ node, cursor }) => ({ cursor, node: toGraph(node) })),
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor ?? page.nodes.at(-1)?.cursor ?? null },
  };
}

export function recommendationsToGraph({ list, items }: ServedRecommendations): RecommendationListType {
  return {
    id: list.id,
    strategyRequested: list.strategyRequested,
    strategyServed: list.strategyServed,
    fallbackReason: list.fallbackReason ?? null,
    modelVersion: list.modelVersion ?? null,
    generatedAt: new Date(list.generatedAt),
    items: items.map((entry) => ({
      item: itemToGraph(entry.item),
      rank: entry.rank,
      score: entry.score,
      source: entry.source,
      explanations: entry.explanations.map((explanation) => ({
        kind: explanation.kind,
        text: explanation.text,
        becauseOf: explanation.becauseOf ? itemToGraph(explanation.becauseOf) : null,
        category: explanation.category ?? null,
      })),
    })),
  };
}

export function strategyReportToGraph(report: StrategyReport): StrategyReportType {
  return {
    ...report,
    generatedAt: new Date(report.generatedAt),
    fallbacks: Object.entries(report.fallbacks).map(([reason, count]) => ({ reason, count })),
    overlap: { mean: report.overlap.mean, histogram: [...report.overlap.histogram] },
    overlapCurve: [...report.overlapCurve],
    kendallTau: { mean: report.kendallTau.mean, histogram: [...report.kendallTau.histogram] },
    kendallTauUsers: report.kendallTau.users,
    rbo: { mean: report.rbo.mean, histogram: [...report.rbo.histogram] },
    newContent: { ...report.newContent, examples: [...report.newContent.examples] },
    byStrategy: report.byStrategy.map((row) => ({ ...row, ctr: { ...row.ctr } })),
    bySource: report.bySource.map((row) => ({ ...row, ctr: { ...row.ctr } })),
  };
}

export function experimentToGraph(experiment: Experiment): ExperimentType {
  const date = (time: number | undefined) => (time === undefined ? null : new Date(time));
  return {
    id: experiment.id,
    name: experiment.name,
    kind: experiment.kind,
    status: experiment.status,
    variants: experiment.variants.map((variant) => ({ name: variant.name, strategy: variant.strategy, personalizeWeight: variant.personalizeWeight ?? null, weight: variant.weight })),
    createdAt: new Date(experiment.createdAt),
    startedAt: date(experiment.startedAt),
    stoppedAt: date(experiment.stoppedAt),
  };
}

export function modelToGraph(model: ModelInfo): CurrentModelType {
  const selection = model.selection;
  return {
    version: model.version,
    trainedAt: new Date(model.trainedAt),
    interactions: model.interactions,
    users: model.users,
    items: model.items,
    selection: selection
      ? {
          mix: mixToGraph(selection.mix),
          chosenBy: selection.chosenBy,
          validationRecall20: selection.recall20 ?? null,
          validationNdcg20: selection.ndcg20 ?? null,
          mixesTried: selection.mixesTried ?? null,
          models: [...(selection.models ?? [])],
        }
      : null,
  };
}

function mixToGraph({ weights, newArrivals }: ServedMix): ServedMixType {
  return { ease: weights.ease, itemKnn: weights.knn, pureSvd: weights.svd ?? 0, rp3Beta: weights.rp3 ?? 0, userKnn: weights.userKnn ?? 0, session: weights.session ?? 0, popularity: weights.popularity, newArrivals };
}

export function feedStateToGraph(state: FeedState): FeedStateType {
  const date = (time: number | undefined) => (time === undefined ? null : new Date(time));
  return { modelVersion: state.modelVersion ?? null, modelTrainedAt: date(state.modelTrainedAt), lastEventAt: date(state.lastEventAt), changedAt: date(state.changedAt) };
}
