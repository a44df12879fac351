import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';

/** An API Gateway HTTP API (payload 2.0) event for POST /graphql, as API Gateway sends it. */
export function httpApiEvent(body: unknown, headers: Record<string, string> = {}, extraRequestContext: Record<string, unknown> = {}): APIGatewayProxyEventV2 {
  const now = Date.now();
  const requestId = randomUUID();
  return {
    version: '2.0',
    routeKey: 'POST /graphql',
    rawPath: '/graphql',
    rawQueryString: '',
    headers: Object.fromEntries(Object.entries({ 'content-type': 'application/json', ...headers }).map(([name, value]) => [name.toLowerCase(), value])),
    requestContext: {
      accountId: '123456789012',
      apiId: 'local',
      domainName: 'local.execute-api.us-east-1.amazonaws.com',
      domainPrefix: 'local',
      http: { method: 'POST', path: '/graphql', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'recgate-test' },
      requestId,
      routeKey: 'POST /graphql',
      stage: '$default',
      time: new Date(now).toISOString(),
      timeEpoch: now,
      ...extraRequestContext,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    isBase64Encoded: false,
  };
}

export type V2Handler = (event: APIGatewayProxyEventV2, context: Context, callback: () => void) => Promise<APIGatewayProxyStructuredResultV2 | string | void>;

export const lambdaContext = { awsRequestId: 'local', functionName: 'recgate-graphql', getRemainingTimeInMillis: () => 30_000 } as unknown as Context;

/** Invokes a v2 handler and reads its answer as an HTTP response. */
export async function invoke(handler: V2Handler, event: APIGatewayProxyEventV2): Promise<{ status: number; headers: Record<string, string>; body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] } }> {
  const result = await handler(event, lambdaContext, () => undefined);
  if (!result || typeof result === 'string') throw new Error(`unexpected Lambda result ${String(result)}`);
  const headers = Object.fromEntries(Object.entries(result.headers ?? {}).map(([name, value]) => [name.toLowerCase(), String(value)]));
  return { status: result.statusCode ?? 200, headers, body: JSON.parse(result.body ?? '{}') as never };
}
