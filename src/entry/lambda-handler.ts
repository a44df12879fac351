import { handlers, startServerAndCreateLambdaHandler } from '@as-integrations/aws-lambda';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { Gateway } from '../container';
import { createApolloServer } from '../graphql/apollo-server.factory';
import { authenticatedContext } from '../graphql/authenticated-context';
import { runWithRequestLog } from '../observability/request-log-context';
import type { Log } from '../logger';
import { OperationRecord } from '../observability/operation-record';
import { lambdaRecorder } from '../observability/operation-recorders';
import { viewerFromAuthorizer } from './lambda-viewer';
import { BODY_TOO_LARGE_MESSAGE, isJsonContentType, MAX_BODY_BYTES, refusalBody, UNSUPPORTED_MEDIA_TYPE_MESSAGE } from './request-limits';

/** What the standalone server refuses before Apollo, refused the same way here: other media types (415), bodies over 1 MiB (413). */
function refusalOf(event: APIGatewayProxyEventV2): { code: string; result: APIGatewayProxyStructuredResultV2 } | undefined {
  const answer = (statusCode: number, code: string, message: string) => ({
    code,
    result: { statusCode, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(refusalBody(message, code)) },
  });
  const contentType = event.headers['content-type'] ?? event.headers['Content-Type'];
  if (event.requestContext.http.method === 'POST' && contentType !== undefined && !isJsonContentType(contentType)) {
    return answer(415, 'UNSUPPORTED_MEDIA_TYPE', UNSUPPORTED_MEDIA_TYPE_MESSAGE);
  }
  const bytes = event.body === undefined ? 0 : event.isBase64Encoded ? Buffer.byteLength(event.body, 'base64') : Buffer.byteLength(event.body);
  if (bytes > MAX_BODY_BYTES) return answer(413, 'BAD_REQUEST', BODY_TOO_LARGE_MESSAGE);
  return undefined;
}

export type GatewayLambdaHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

/**
 * The gateway as an API Gateway HTTP API (payload v2) handler. Behind the Cognito JWT
 * authorizer the viewer comes from the claims it verified; invoked without them, the handler
 * verifies the Authorization header itself, with the same rules as the standalone server.
 * Each request ends with one log line in CloudWatch's embedded metric format (`log` is not
 * filtered by LOG_LEVEL on Lambda: those lines are the metrics).
 */
export function createLambdaHandler(container: Gateway, log: Log): GatewayLambdaHandler {
  const apollo = createApolloServer({ schema: container.schema, log, limits: container.config.limits });
  const records = new WeakMap<object, OperationRecord>();
  const finish = lambdaRecorder(log);
  const handle = startServerAndCreateLambdaHandler(apollo, handlers.createAPIGatewayProxyEventV2RequestHandler(), {
    context: ({ event }) =>
      authenticatedContext(
        container,
        {
          requestId: event.requestContext.requestId,
          authorization: event.headers['authorization'] ?? event.headers['Authorization'],
          verifiedViewer: viewerFromAuthorizer(event as Parameters<typeof viewerFromAuthorizer>[0], { clientId: container.config.auth.clientId, now: Date.now() }),
          clientAddress: event.requestContext.http.sourceIp,
          ...(records.has(event) ? { operation: records.get(event) } : {}),
        },
        log,
      ),
  });
  return async (event, context) => {
    const record = new OperationRecord(event.requestContext.requestId);
    const refused = refusalOf(event);
    if (refused) {
      record.errorCodes.add(refused.code);
      finish(record, refused.result.statusCode ?? 400);
      return refused.result;
    }
    records.set(event, record);
    try {
      // Every line logged while this request is handled carries its id (and its viewer, once admitted).
      const result = await runWithRequestLog({ requestId: event.requestContext.requestId }, () => handle(event, context, () => undefined));
      if (!result) throw new Error('the Lambda integration returned no response');
      finish(record, result.statusCode ?? 200);
      return result;
    } catch (error) {
      finish(record, 500);
      throw error;
    }
  };
}
