import { PersonalizeEventsClient } from '@aws-sdk/client-personalize-events';
import { PersonalizeRuntimeClient } from '@aws-sdk/client-personalize-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import http from 'node:http';
import https from 'node:https';

export interface PersonalizeClientOptions {
  readonly region: string;
  readonly endpoint: string | undefined;
  readonly budgetMs: number;
  readonly localCredentials: boolean;
}

/** The runtime client: at most one retry, each attempt cut at the budget (the caller also bounds the whole call). */
export function createPersonalizeRuntimeClient(options: PersonalizeClientOptions): PersonalizeRuntimeClient {
  return new PersonalizeRuntimeClient(clientSettings(options));
}

/** The events client (PutEvents), with the same budget and retry rules as the runtime client. */
export function createPersonalizeEventsClient(options: PersonalizeClientOptions): PersonalizeEventsClient {
  return new PersonalizeEventsClient(clientSettings(options));
}

function clientSettings(options: PersonalizeClientOptions) {
  return {
    region: options.region,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.localCredentials ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
    // One retry, soon: the SDK's own throttling backoff (about half a second) would outlast a 250 ms budget.
    retryStrategy: new ConfiguredRetryStrategy(2, () => Math.min(50, Math.floor(options.budgetMs / 5))),
    requestHandler: new NodeHttpHandler({
      requestTimeout: options.budgetMs,
      connectionTimeout: Math.min(options.budgetMs, 1000),
      throwOnRequestTimeout: true,
      httpAgent: new http.Agent({ keepAlive: true, maxSockets: 64 }),
      httpsAgent: new https.Agent({ keepAlive: true, maxSockets: 64 }),
    }),
  };
}
