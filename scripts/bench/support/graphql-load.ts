import autocannon from 'autocannon';

export interface GraphQLLoadOptions {
  readonly url: string;
  readonly connections: number;
  readonly duration: number;
  /** The next request: its bearer token and its JSON body (`{ query, variables }`). */
  readonly next: () => { readonly token: string; readonly body: unknown };
  readonly onResponse?: (status: number, body: string) => void;
}

/** autocannon POSTing GraphQL requests built one at a time, as a client app sends them. */
export function graphqlLoad(options: GraphQLLoadOptions): Promise<autocannon.Result> {
  return autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.duration,
    method: 'POST',
    requests: [
      {
        setupRequest: (request) => {
          const { token, body } = options.next();
          return { ...request, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) };
        },
        ...(options.onResponse ? { onResponse: options.onResponse } : {}),
      },
    ],
  });
}

/** The same server's `{ __typename }` throughput (auth and GraphQL, no resolver work): what the other figures are read against. */
export function typenameLoad(url: string, tokens: readonly string[], connections: number, duration: number): Promise<autocannon.Result> {
  let n = 0;
  return graphqlLoad({ url, connections, duration, next: () => ({ token: tokens[n++ % tokens.length] ?? '', body: { query: '{ __typename }' } }) });
}
