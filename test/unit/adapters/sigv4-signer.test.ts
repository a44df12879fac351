import { SignatureV4 } from '@smithy/signature-v4';
import { createHash, createHmac } from 'node:crypto';
import { SigV4Signer } from '../../../src/adapters/dynamodb/sigv4-signer';

/** The SDK signer's hash port on node:crypto (what @smithy/hash-node does). */
type Bytes = string | ArrayBuffer | ArrayBufferView;
const bytes = (data: Bytes): string | Buffer => (typeof data === 'string' ? data : ArrayBuffer.isView(data) ? Buffer.from(data.buffer, data.byteOffset, data.byteLength) : Buffer.from(data));

class NodeSha256 {
  private readonly hash;
  constructor(secret?: Bytes) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }
  update(data: Bytes): void {
    this.hash.update(bytes(data));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }
  reset(): void {}
}

const body = JSON.stringify({ TableName: 'users', Key: { userId: { S: 'u0001' } } });
const headers = { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.GetItem' };
const now = new Date('2026-12-02T10:11:12.345Z');

async function sdkAuthorization(credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }): Promise<Record<string, string>> {
  const signer = new SignatureV4({ credentials, region: 'eu-west-1', service: 'dynamodb', sha256: NodeSha256, applyChecksum: false });
  const signed = await signer.sign(
    { method: 'POST', protocol: 'https:', hostname: 'dynamodb.eu-west-1.amazonaws.com', path: '/', query: {}, headers: { ...headers, host: 'dynamodb.eu-west-1.amazonaws.com' }, body },
    { signingDate: now },
  );
  return signed.headers;
}

describe('SigV4Signer', () => {
  it.each([
    ['long-term keys', { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' }],
    ['temporary credentials (a session token, as on Lambda)', { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'secret', sessionToken: 'token/with+chars==' }],
  ])('signs a JSON POST as the SDK signer does, with %s', async (_name, credentials) => {
    const ours = new SigV4Signer('eu-west-1', 'dynamodb').sign('dynamodb.eu-west-1.amazonaws.com', headers, body, credentials, now).headers;
    const sdk = await sdkAuthorization(credentials);
    expect(ours['authorization']).toBe(sdk['authorization']);
    expect(ours['x-amz-date']).toBe('20261202T101112Z');
    expect(ours['x-amz-security-token']).toBe('sessionToken' in credentials ? credentials.sessionToken : undefined);
  });

  it('signs differently when the body, the day or the secret changes (the cached key follows the secret)', () => {
    const signer = new SigV4Signer('eu-west-1', 'dynamodb');
    const credentials = { accessKeyId: 'AKID', secretAccessKey: 'one' };
    const sign = (text: string, at: Date, secretAccessKey = 'one') => signer.sign('h', headers, text, { ...credentials, secretAccessKey }, at).headers['authorization'];
    const first = sign(body, now);
    expect(sign(body, now)).toBe(first);
    expect(sign(`${body} `, now)).not.toBe(first);
    const nextDay = new Date('2026-12-03T10:11:12Z');
    expect(sign(body, nextDay)).not.toBe(first);
    expect(sign(body, nextDay, 'two')).not.toBe(sign(body, nextDay));
    expect(sign(body, now, 'two')).not.toBe(first);
  });
});
