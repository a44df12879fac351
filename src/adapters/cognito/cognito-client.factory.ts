import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { NodeHttpHandler } from '@smithy/node-http-handler';

export interface CognitoClientOptions {
  readonly region: string;
  readonly endpoint: string | undefined;
  readonly timeoutMs: number;
}

/** The user pool API client: every call cut at the budget; cognito-local gets placeholder credentials. */
export function createCognitoClient(options: CognitoClientOptions): CognitoIdentityProviderClient {
  const local = options.endpoint !== undefined && /^https?:\/\/(localhost|127\.|\[::1\])/.test(options.endpoint);
  return new CognitoIdentityProviderClient({
    region: options.region,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(local ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
    maxAttempts: 2,
    requestHandler: new NodeHttpHandler({ requestTimeout: options.timeoutMs, connectionTimeout: Math.min(options.timeoutMs, 1000), throwOnRequestTimeout: true }),
  });
}
