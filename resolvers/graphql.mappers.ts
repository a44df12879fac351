import type { Interaction } from '../src/domain/interaction';
import type { Item } from '../src/domain/item';
import type { Page } from '../src/domain/page';
import type { User } from '../src/domain/user';
import type { ServedRecommendations } from '../src/services/served-list.assembler';
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

export function itemToGraph(item: Item): ItemType {
  return {
    id: item.id,
    title: item.title,
    categories: [...item.categories],
    attributes: attributesToGraph(item.attributes),
    createdAt: new Date(item.createdAt),
    popularity: item.popularity,
  };
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
