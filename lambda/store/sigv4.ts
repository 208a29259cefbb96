/**
 * AWS Signature Version 4 for the wire client's one kind of request (a JSON POST to "/"), over
 * node:crypto alone. The SDK's signer (@smithy/signature-v4 with @smithy/core's hashing) is general
 * and costs about 20 KB of bundle and 3-4 ms of a cold start to load and first use; this covers
 * what DynamoDB needs and is checked against that signer header for header (test/unit/sigv4.test.ts).
 */
import { createHash, createHmac } from 'node:crypto';

export interface SigningCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface SignedPost {
  region: string;
  service: string;
  credentials: SigningCredentials;
  /** Lower-case names; `host` among them. */
  headers: Record<string, string>;
  body: string;
  nowMs: number;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';
const sha256Hex = (data: string) => createHash('sha256').update(data, 'utf8').digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/** The derived key changes once a day per secret, region and service: kept, as the SDK keeps it. */
let cachedKey: { id: string; key: Buffer } | undefined;
function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  const id = `${date}|${region}|${service}|${sha256Hex(secret)}`;
  if (cachedKey?.id !== id) {
    const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), 'aws4_request');
    cachedKey = { id, key };
  }
  return cachedKey.key;
}

/** The request's headers with x-amz-date, the payload hash, the session token and authorization added. */
export function signPost({ region, service, credentials, headers, body, nowMs }: SignedPost): Record<string, string> {
  const amzDate = new Date(nowMs).toISOString().replace(/[-:]|\.\d{3}/g, '');
  const date = amzDate.slice(0, 8);
  const payloadHash = sha256Hex(body);
  const all: Record<string, string> = {
    ...headers,
    'x-amz-date': amzDate,
    'x-amz-content-sha256': payloadHash,
    ...(credentials.sessionToken ? { 'x-amz-security-token': credentials.sessionToken } : {}),
  };
  const names = Object.keys(all).sort();
  const canonicalHeaders = names.map((name) => `${name}:${all[name].trim().replace(/\s+/g, ' ')}\n`).join('');
  const signedHeaders = names.join(';');
  const canonicalRequest = ['POST', '/', '', canonicalHeaders, signedHeaders, payloadHash].join('\n');
  const scope = `${date}/${region}/${service}/aws4_request`;
  const stringToSign = [ALGORITHM, amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const signature = createHmac('sha256', signingKey(credentials.secretAccessKey, date, region, service))
    .update(stringToSign, 'utf8')
    .digest('hex');
  return {
    ...all,
    authorization: `${ALGORITHM} Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
  };
}
