/**
 * The wire client's SigV4 signer against the AWS SDK's own (@smithy/signature-v4 with @smithy/core's
 * SHA-256): the same headers, authorization included, for any body, time, region and credentials.
 */
import { Sha256 } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';
import fc from 'fast-check';
import { signPost, type SigningCredentials } from '../../lambda/store/sigv4';

async function sdkSigned(region: string, credentials: SigningCredentials, headers: Record<string, string>, body: string, nowMs: number) {
  const signer = new SignatureV4({ service: 'dynamodb', region, sha256: Sha256, credentials });
  const signed = await signer.sign(
    { method: 'POST', protocol: 'https:', hostname: headers.host, path: '/', query: {}, headers, body },
    { signingDate: new Date(nowMs) },
  );
  return signed.headers;
}

const headersFor = (host: string, operation: string) => ({
  host,
  'content-type': 'application/x-amz-json-1.0',
  'x-amz-target': `DynamoDB_20120810.${operation}`,
});

describe('SigV4 for a DynamoDB POST', () => {
  it('matches the AWS SDK signer exactly, with and without a session token', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('us-east-1', 'eu-west-1', 'ap-southeast-2'),
        fc.constantFrom('GetItem', 'UpdateItem', 'PutItem'),
        fc.oneof(fc.string({ maxLength: 400 }), fc.string({ unit: 'grapheme', maxLength: 100 })),
        fc.integer({ min: Date.parse('2020-01-01T00:00:00Z'), max: Date.parse('2030-12-31T23:59:59Z') }),
        fc.record({
          accessKeyId: fc.constantFrom('AKIDEXAMPLE', 'ASIAXYZ0123456789'),
          secretAccessKey: fc.constantFrom('wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', 'another/secret+key'),
          sessionToken: fc.option(fc.constantFrom('IQoJb3JpZ2luX2VjEXAMPLE//token=='), { nil: undefined }),
        }),
        async (region, operation, body, nowMs, credentials) => {
          const headers = headersFor(`dynamodb.${region}.amazonaws.com`, operation);
          const ours = signPost({ region, service: 'dynamodb', credentials, headers, body, nowMs: Math.floor(nowMs / 1000) * 1000 });
          expect(ours).toEqual(await sdkSigned(region, credentials, headers, body, Math.floor(nowMs / 1000) * 1000));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('signs a host with a port (a local DynamoDB) as the SDK does', async () => {
    const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
    const headers = headersFor('127.0.0.1:8000', 'GetItem');
    const nowMs = Date.parse('2026-12-03T17:20:00Z');
    const ours = signPost({ region: 'us-east-1', service: 'dynamodb', credentials, headers, body: '{"TableName":"t"}', nowMs });
    expect(ours).toEqual(await sdkSigned('us-east-1', credentials, headers, '{"TableName":"t"}', nowMs));
    expect(ours.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=local\/20261203\/us-east-1\/dynamodb\/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-target, Signature=[0-9a-f]{64}$/,
    );
  });
});
