import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type GraphQLFormattedError } from 'graphql';

export interface HttpResult<TData> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: { data?: TData | null; errors?: GraphQLFormattedError[] };
}

/** POSTs a typed document to a running gateway, as a client app would. */
export async function postGraphQL<TData, TVariables>(
  url: string,
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
  headers: Record<string, string> = {},
): Promise<HttpResult<TData>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: print(document), variables }),
    signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as HttpResult<TData>['body'] };
}
