import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { QueryLimits } from '../config';

/**
 * GraphQL Armor for depth, aliases, directives and field suggestions; tokens go through the
 * parser (Armor's token plugin answers 500 on Apollo) and cost through our own rule, which
 * counts list fields by their first / limit. Its validation rules serve HTTP (Apollo) and
 * WebSocket operations alike.
 */
export function queryArmor(limits: QueryLimits): ReturnType<ApolloArmor['protect']> {
  const expose = !limits.hideDetails;
  return new ApolloArmor({
    maxDepth: { enabled: true, n: limits.maxDepth, exposeLimits: expose, flattenFragments: true },
    maxAliases: { enabled: true, n: limits.maxAliases, exposeLimits: expose },
    maxDirectives: { enabled: true, n: limits.maxDirectives, exposeLimits: expose },
    blockFieldSuggestion: { enabled: limits.hideDetails },
    costLimit: { enabled: false },
    maxTokens: { enabled: false },
  }).protect();
}
