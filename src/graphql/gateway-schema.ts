import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchemaSync, type ContainerType, type PubSub } from 'type-graphql';
import { RESOLVERS } from '../../resolvers';
import { authChecker } from '../../resolvers/authorization';

export type ResolverClass = new (...args: never[]) => object;

/** Resolver instances built by the composition root, handed to type-graphql by class. */
export type ResolverInstances = ReadonlyMap<ResolverClass, object>;

/**
 * Builds the executable schema. Decorators name every type, so this works without
 * decorator metadata (the esbuild Lambda bundle, and the tests, which run without it).
 */
export function buildGatewaySchema(instances: ResolverInstances = new Map()): GraphQLSchema {
  const container: ContainerType = {
    get(resolverClass: ResolverClass) {
      const instance = instances.get(resolverClass);
      if (instance) return instance;
      // Resolvers without dependencies need no wiring.
      if (resolverClass.length === 0) return new (resolverClass as new () => object)();
      throw new Error(`No instance of ${resolverClass.name} was given to the schema`);
    },
  };
  return buildSchemaSync({ resolvers: [...RESOLVERS], container, validate: false, pubSub: NO_TOPICS, authChecker });
}

/**
 * type-graphql asks for a topic pub/sub whenever there are subscriptions, even when each names
 * its own `subscribe`, as ours do (feed changes come through the FeedNotifier port).
 */
const NO_TOPICS: PubSub = {
  publish: () => {
    throw new Error('subscriptions here name their own subscribe function; there are no topics');
  },
  subscribe: () => {
    throw new Error('subscriptions here name their own subscribe function; there are no topics');
  },
};
