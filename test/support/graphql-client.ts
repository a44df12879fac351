import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { GraphQLFormattedError } from 'graphql';
import type { ApolloServer } from '@apollo/server';
import type { Container } from '../../src/container';
import type { ContextOptions, RequestContext } from '../../src/graphql/request-context';

export interface OperationResult<TData> {
  readonly data: TData | null | undefined;
  readonly errors: readonly GraphQLFormattedError[] | undefined;
}

/** Runs a typed document in-process, with a fresh request context as a real request would get. */
export async function execute<TData, TVariables extends Record<string, unknown>>(
  server: ApolloServer<RequestContext>,
  container: Container,
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
  contextOptions: ContextOptions = {},
): Promise<OperationResult<TData>> {
  const contextValue = container.createContext(contextOptions);
  const response = await server.executeOperation<TData, TVariables>({ query: document, variables }, { contextValue });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return { data: response.body.singleResult.data, errors: response.body.singleResult.errors };
}
