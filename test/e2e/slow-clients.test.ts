import { createClient } from 'graphql-ws';
import net from 'node:net';
import WebSocket from 'ws';
import { loadConfig } from '../../src/config';
import { startServer, type RunningServer } from '../../src/entry/server';
import { signIn, testAuthEnvironment } from '../support/test-auth';
import { testEnvironment } from '../support/test-env';

/** Slow-sending clients (slowloris) against the standalone server, over raw sockets. */
describe('slow clients (standalone server, raw TCP)', () => {
  let server: RunningServer;
  let port: number;

  beforeAll(async () => {
    server = await startServer({
      config: loadConfig(testEnvironment({ ...testAuthEnvironment(), PORT: '0', HOST: '127.0.0.1', HTTP_HEADERS_TIMEOUT_MS: '300', HTTP_REQUEST_TIMEOUT_MS: '800' })),
      log: () => undefined,
    });
    port = Number(new URL(server.url).port);
  });
  afterAll(() => server.close());

  /** Sends `text`, then nothing more; answers what the server wrote before it closed the socket, and when. */
  function sendAndWait(text: string): Promise<{ answer: string; afterMs: number }> {
    return new Promise((resolve, reject) => {
      const started = Date.now();
      const socket = net.connect(port, '127.0.0.1', () => socket.write(text));
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk.toString()));
      socket.on('close', () => resolve({ answer, afterMs: Date.now() - started }));
      socket.on('error', reject);
      socket.setTimeout(10_000, () => socket.destroy(new Error('the server kept a stalled connection open')));
    });
  }

  it('answers 408 and closes a connection whose headers never end', async () => {
    const { answer } = await sendAndWait('POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('answers 408 and closes a connection whose body never arrives', async () => {
    const { answer } = await sendAndWait('POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"query":');
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('serves a client that sends its request at once', async () => {
    const { accessToken } = await signIn('alice');
    const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('keeps a WebSocket open past the request timeout (it applies to receiving a request, not to an upgraded connection)', async () => {
    const { accessToken } = await signIn('alice');
    const client = createClient({ url: server.url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0, lazy: false, connectionParams: { authorization: `Bearer ${accessToken}` }, onNonLazyError: () => undefined });
    let closed = false;
    client.on('closed', () => (closed = true));
    const connected = new Promise((resolve) => client.on('connected', resolve));
    try {
      await connected;
      // A stalled request opened after the socket is answered 408 once the request timeout has
      // passed (the server's own clock): by then the socket has been open longer than that.
      const stalled = await sendAndWait('POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"query":');
      expect(stalled.answer).toMatch(/^HTTP\/1\.1 408 /);
      expect(stalled.afterMs).toBeGreaterThanOrEqual(800);
      expect(closed).toBe(false);
      const answer = await new Promise((resolve, reject) => {
        client.subscribe({ query: '{ __typename }' }, { next: resolve, error: reject, complete: () => undefined });
      });
      expect(answer).toEqual({ data: { __typename: 'Query' } });
      // Any close the timeout caused would have reached the client before this answer did.
      expect(closed).toBe(false);
    } finally {
      await client.dispose();
    }
  });
});
