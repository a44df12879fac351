import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** An HTTP stand-in in front of dynalite that answers as a throttled DynamoDB would (dynalite never throttles). */
export interface ThrottlingProxy {
  readonly endpoint: string;
  /** Answer this many of the next calls with ProvisionedThroughputExceededException (Infinity: all of them). */
  throttleNext: number;
  /** Calls answered throttled since the last reset. */
  throttled: number;
  close(): Promise<void>;
}

const THROTTLED_BODY = JSON.stringify({
  __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException',
  message: 'The level of configured provisioned throughput for the table was exceeded.',
});

/**
 * Forwards every call to `target` unless told to throttle it, answering then what DynamoDB
 * answers (HTTP 400, the error type in `__type`), so that both the SDK's client and the
 * serving path's JSON client meet it on the wire. When the target is down, the caller's
 * connection is reset (ECONNRESET), as a stopped DynamoDB endpoint behind a load balancer does.
 */
export async function startThrottlingProxy(target: () => string): Promise<ThrottlingProxy> {
  const agent = new http.Agent({ keepAlive: true });
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (proxy.throttleNext > 0) {
        proxy.throttleNext--;
        proxy.throttled++;
        response.writeHead(400, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'throttled' });
        response.end(THROTTLED_BODY);
        return;
      }
      const upstream = http.request(target(), { method: request.method, headers: request.headers, agent }, (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      });
      upstream.on('error', () => request.socket.destroy());
      upstream.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const proxy: ThrottlingProxy = {
    endpoint: `http://127.0.0.1:${port}`,
    throttleNext: 0,
    throttled: 0,
    close: () =>
      new Promise<void>((resolve, reject) => {
        agent.destroy();
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
  return proxy;
}
