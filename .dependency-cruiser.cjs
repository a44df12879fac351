/**
 * The layers, enforced by `npm run lint` (and so by `npm test`): what each folder may depend
 * on; a violation names the rule and the import. The README's layout section says what each
 * folder holds. (That only src/config.ts reads process.env is ESLint's rule.)
 */
const LAYERS = {
  domain: '^src/domain/',
  ports: '^src/ports/',
  models: '^src/models/',
  recommenders: '^src/recommenders/',
  services: '^src/(services|experiments|selection)/',
  adapters: '^src/adapters/',
};

module.exports = {
  forbidden: [
    { name: 'domain-depends-on-nothing', severity: 'error', comment: 'The domain is types and rules; it imports only itself.', from: { path: LAYERS.domain }, to: { pathNot: [LAYERS.domain] } },
    { name: 'ports-on-domain', severity: 'error', comment: 'Ports name what services need, in domain terms.', from: { path: LAYERS.ports }, to: { pathNot: [LAYERS.domain, LAYERS.ports] } },
    { name: 'models-pure', severity: 'error', comment: 'Models fit and score from data: no I/O, no ports, no services.', from: { path: LAYERS.models }, to: { pathNot: [LAYERS.domain, LAYERS.models, '^src/support/', 'node_modules/ml-matrix'] } },
    {
      name: 'services-on-ports-and-domain',
      severity: 'error',
      comment: 'Services (with experiments and the mix selection) and recommenders depend on ports and the domain (and pure models and support), never on adapters, GraphQL, hosts or the local stack.',
      from: { path: [LAYERS.services, LAYERS.recommenders] },
      to: { path: ['^src/adapters/', '^src/graphql/', '^src/entry/', '^src/local/', '^src/demo/', '^resolvers/', '^schema/', '^src/container', 'node_modules/(@apollo|type-graphql|graphql|ioredis|ws)/'] },
    },
    {
      name: 'adapters-on-ports',
      severity: 'error',
      comment: 'Adapters implement ports; they never reach into services, resolvers or the GraphQL server.',
      from: { path: LAYERS.adapters },
      to: { path: ['^src/services/', '^src/recommenders/', '^src/graphql/', '^src/entry/', '^resolvers/', '^schema/', '^src/container'] },
    },
    { name: 'schema-on-domain', severity: 'error', comment: 'Schema classes describe domain values; they reach no service.', from: { path: '^schema/' }, to: { path: '^(src|resolvers)/', pathNot: LAYERS.domain } },
    { name: 'support-is-generic', severity: 'error', comment: 'Support pieces know nothing of recgate.', from: { path: '^src/support/' }, to: { path: '^(src|resolvers|schema)/', pathNot: '^src/support/' } },
    {
      name: 'aws-sdk-in-adapters-only',
      severity: 'error',
      comment: 'Only adapters (and the local stack that starts the stand-ins) talk to AWS SDKs.',
      from: { path: '^(src|resolvers|schema)/', pathNot: ['^src/adapters/', '^src/local/'] },
      to: { path: 'node_modules/(@aws-sdk|@smithy)/' },
    },
    {
      name: 'resolvers-imported-by-the-composition-roots-only',
      severity: 'error',
      comment: 'src/ builds the schema from resolvers in its composition roots; nothing else imports from resolvers/.',
      from: { path: '^src/', pathNot: ['^src/container\\.ts$', '^src/graphql/gateway-schema\\.ts$'] },
      to: { path: '^resolvers/' },
    },
    {
      name: 'lambda-entries-never-reach-the-local-stack',
      severity: 'error',
      comment: 'The Lambda bundles carry nothing of the local stack (dynalite, cognito-local, the Personalize emulator).',
      from: { path: '^src/entry/[^/]*lambda[^/]*\\.ts$' },
      to: { path: '^src/local/', reachable: true },
    },
    {
      name: 'jobs-carry-no-graphql-server',
      severity: 'error',
      comment: 'The training and replay Lambdas have their own roots: no GraphQL server, resolvers, live feeds or Redis in their bundles.',
      from: { path: '^src/entry/(training|replay)\\.lambda\\.ts$' },
      to: { path: ['^resolvers/', '^schema/', '^src/graphql/', '^src/container\\.ts$', 'node_modules/(@apollo|type-graphql|graphql|graphql-ws|ioredis|ws)/'], reachable: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    exclude: { path: '(^test/|__generated__)' },
  },
};
