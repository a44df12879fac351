import { handlers, startServerAndCreateLambdaHandler } from '@as-integrations/aws-lambda';
import type { Container } from '../container';
import { createApolloServer } from '../graphql/apollo-server.factory';
import { authenticatedContext } from '../graphql/authenticated-context';
import type { Log } from '../logger';
import { viewerFromAuthorizer } from './lambda-viewer';

/**
 * The gateway as an API Gateway HTTP API (payload v2) handler. Behind the Cognito JWT
 * authorizer the viewer comes from the claims it verified; invoked without them, the handler
 * verifies the Authorization header itself, with the same rules as the standalone server.
 */
export function createLambdaHandler(container: Container, log: Log) {
  const apollo = createApolloServer({ schema: container.schema, log, limits: container.config.limits });
  return startServerAndCreateLambdaHandler(apollo, handlers.createAPIGatewayProxyEventV2RequestHandler(), {
    context: ({ event }) =>
      authenticatedContext(
        container,
        {
          requestId: event.requestContext.requestId,
          authorization: event.headers['authorization'] ?? event.headers['Authorization'],
          verifiedViewer: viewerFromAuthorizer(event as Parameters<typeof viewerFromAuthorizer>[0]),
          clientAddress: event.requestContext.http.sourceIp,
        },
        log,
      ),
  });
}
