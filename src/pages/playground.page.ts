/** Example operations the playground opens with, one tab each. */
const EXAMPLES = [
  {
    title: 'recommendations',
    query: `# A list for the signed-in user, every item explained.
query Recommendations {
  recommendations(input: { limit: 5 }) {
    id
    strategyServed
    fallbackReason
    items {
      rank
      source
      item { id title categories }
      explanations { kind text }
    }
  }
}`,
  },
  {
    title: 'record a click',
    query: `# Put a list id and one of its items here (from the recommendations tab).
mutation Click($recommendationId: ID!, $itemId: ID!) {
  recordClick(input: { eventId: "playground-click-1", recommendationId: $recommendationId, itemId: $itemId }) {
    duplicate
    forwarded
    attribution { strategy rank source }
  }
}`,
  },
  {
    title: 'live feed',
    query: `# Pushed after your next event (over graphql-ws on this same /graphql).
subscription Feed {
  feedUpdated(input: { limit: 5 }) {
    id
    generatedAt
    items { rank item { title } explanations { text } }
  }
}`,
  },
];

/**
 * GraphiQL from the project's own copies of its scripts (no CDN: it works on a closed
 * network), with subscriptions over graphql-ws on the same path and, under `npm start`, the
 * Authorization header filled in with a demo user's token.
 */
export function playgroundPage(options: { readonly authorization?: string | undefined }): string {
  const headers = options.authorization ? JSON.stringify({ authorization: options.authorization }, null, 2) : '{\n  "authorization": "Bearer <npm run -s token -- alice>"\n}';
  const config = JSON.stringify({ headers, tabs: EXAMPLES.map((example) => ({ query: example.query, headers })) }).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>recgate playground</title>
<link rel="stylesheet" href="/playground/assets/graphiql.css">
<style>html,body,#playground{height:100%;margin:0}</style>
</head><body><div id="playground"></div>
<script src="/playground/assets/react.js"></script>
<script src="/playground/assets/react-dom.js"></script>
<script src="/playground/assets/graphql-ws.js"></script>
<script src="/playground/assets/graphiql.js"></script>
<script>
  const config = ${config};
  const url = new URL('/graphql', location.href).toString();
  const socketUrl = url.replace(/^http/, 'ws');
  // The header editor's authorization, for the socket too (graphql-ws sends it in connection_init).
  function currentHeaders() {
    try { return JSON.parse(localStorage.getItem('graphiql:headers') || config.headers); } catch { return {}; }
  }
  const wsClient = graphqlWs.createClient({ url: socketUrl, lazy: true, connectionParams: () => ({ authorization: currentHeaders().authorization }) });
  const fetcher = GraphiQL.createFetcher({ url, wsClient });
  ReactDOM.createRoot(document.getElementById('playground')).render(
    React.createElement(GraphiQL, { fetcher, defaultHeaders: config.headers, defaultTabs: config.tabs, shouldPersistHeaders: true, isHeadersEditorEnabled: true })
  );
</script></body></html>
`;
}
