import { ApiGatewayManagementApiClient, DeleteConnectionCommand, GoneException, LimitExceededException, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { ConnectionPoster } from '../../ports/connection-poster.port';

export interface ConnectionPosterOptions {
  /** The WebSocket API's management endpoint: https://{api-id}.execute-api.{region}.amazonaws.com/{stage} (or the local host's). */
  readonly endpoint: string;
  readonly region: string;
  /** Each call is cut at this (a push never holds a mutation's answer for long). */
  readonly timeoutMs: number;
  readonly localCredentials: boolean;
}

/**
 * PostToConnection and DeleteConnection through API Gateway's management API. A connection
 * that is gone (410) is answered GONE, so the caller deletes it; a throttled call
 * (LimitExceededException) is retried once after a jittered pause.
 */
export class ApiGatewayConnectionPoster implements ConnectionPoster {
  private readonly client: ApiGatewayManagementApiClient;

  constructor(
    options: ConnectionPosterOptions,
    private readonly random: () => number = Math.random,
  ) {
    this.client = new ApiGatewayManagementApiClient({
      endpoint: options.endpoint,
      region: options.region,
      maxAttempts: 1,
      ...(options.localCredentials ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
      requestHandler: new NodeHttpHandler({ requestTimeout: options.timeoutMs, connectionTimeout: Math.min(1000, options.timeoutMs), throwOnRequestTimeout: true }),
    });
  }

  async post(connectionId: string, data: string): Promise<'SENT' | 'GONE'> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.client.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: Buffer.from(data) }));
        return 'SENT';
      } catch (error) {
        if (error instanceof GoneException) return 'GONE';
        if (error instanceof LimitExceededException && attempt === 0) {
          await new Promise((resolve) => setTimeout(resolve, 50 + this.random() * 150));
          continue;
        }
        throw error;
      }
    }
  }

  async disconnect(connectionId: string): Promise<void> {
    try {
      await this.client.send(new DeleteConnectionCommand({ ConnectionId: connectionId }));
    } catch (error) {
      if (!(error instanceof GoneException)) throw error;
    }
  }

  destroy(): void {
    this.client.destroy();
  }
}
