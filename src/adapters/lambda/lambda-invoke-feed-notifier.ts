import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { FeedChange, FeedNotifier } from '../../ports/feed-notifier.port';

/** What the WebSocket function receives from another function: a feed change to push (see websocket-handler.ts). */
export interface FeedChangeInvocation {
  readonly recgate: 'feed-change';
  readonly change: FeedChange;
}

/**
 * Feed changes handed to the WebSocket function by an asynchronous invocation (the training
 * Lambda's new model: its bundle carries no GraphQL, so the WebSocket function runs the feeds'
 * selections and pushes). Publish-only: nothing in a job's process subscribes.
 */
export class LambdaInvokeFeedNotifier implements FeedNotifier {
  private readonly client: LambdaClient;

  constructor(
    private readonly functionName: string,
    options: { readonly region: string; readonly timeoutMs: number },
  ) {
    this.client = new LambdaClient({ region: options.region, maxAttempts: 2, requestHandler: new NodeHttpHandler({ requestTimeout: options.timeoutMs, connectionTimeout: Math.min(1000, options.timeoutMs) }) });
  }

  async publish(change: FeedChange): Promise<void> {
    const payload: FeedChangeInvocation = { recgate: 'feed-change', change };
    await this.client.send(new InvokeCommand({ FunctionName: this.functionName, InvocationType: 'Event', Payload: Buffer.from(JSON.stringify(payload)) }));
  }

  subscribe(): Promise<() => Promise<void>> {
    return Promise.reject(new Error('an invocation notifier only publishes'));
  }

  async close(): Promise<void> {
    this.client.destroy();
  }
}
