/**
 * POST /alexa is what an HTTPS tunnel exposes to the world, so it must refuse anything Alexa did
 * not sign, and anything stale. None of these rejections needs the network: certificate URLs are
 * checked before any download, and the one download a well-formed URL triggers is stubbed here.
 */
import { generateKeyPairSync, createSign } from 'node:crypto';
import https from 'node:https';
import { Readable } from 'node:stream';
import type { LocalServer } from '../../local/server';
import { encodeToken } from '../../lambda/playback/token';
import { testCatalog } from '../support/catalog';
import { createTestFolders, httpRequest, startTestServer, type TestFolders } from '../support/local-server';
import { audioEvent } from '../../testkit/envelopes';

const AMAZON_CERT_URL = 'https://s3.amazonaws.com/echo.api/echo-api-cert-12.pem';

let folders: TestFolders;
let server: LocalServer;

beforeAll(async () => {
  folders = createTestFolders();
  server = await startTestServer(folders);
});

afterAll(async () => {
  await server.close();
});

afterEach(() => {
  jest.restoreAllMocks();
});

let listeners = 0;

/** A PlaybackStopped that would save progress if the skill ever saw it, for a fresh listener. */
function stoppedEvent(timestamp = new Date().toISOString()) {
  listeners += 1;
  const userId = `amzn1.ask.account.VERIFY-${listeners}`;
  const token = encodeToken(testCatalog(), { variant: 'standard', segmentId: 'body-scan', nonce: 'abcd1234', attempt: 0, clip: '' });
  return { userId, body: JSON.stringify(audioEvent('PlaybackStopped', token, 5000, { userId, timestamp })) };
}

function postToAlexa(body: string, headers: Record<string, string> = {}) {
  return httpRequest(server, '/alexa', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
}

async function storedFor(userId: string) {
  const answer = await httpRequest(server, `/simulator/state?userId=${encodeURIComponent(userId)}`);
  return JSON.parse(answer.text).listener;
}

/** https.get answering with `pem` for the certificate download, or never answering. */
function stubCertificateDownload(pem?: string) {
  return jest.spyOn(https, 'get').mockImplementation(((_url: unknown, callback: (response: unknown) => void) => {
    if (pem !== undefined) {
      const response = Object.assign(Readable.from([Buffer.from(pem)]), { statusCode: 200 });
      process.nextTick(() => callback(response));
    }
    return { on: () => undefined, end: () => undefined };
  }) as never);
}

/** A self-signed certificate naming echo-api.amazon.com: right shape, untrusted issuer. */
function forgedCertificate() {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const forge = require('node-forge');
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }));
  cert.serialNumber = '01';
  cert.validity.notBefore = new Date(Date.now() - 86_400_000);
  cert.validity.notAfter = new Date(Date.now() + 86_400_000);
  const subject = [{ name: 'commonName', value: 'echo-api.amazon.com' }];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([{ name: 'subjectAltName', altNames: [{ type: 2, value: 'echo-api.amazon.com' }] }]);
  const forgePrivateKey = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs8', format: 'pem' }));
  cert.sign(forgePrivateKey, forge.md.sha256.create());
  return {
    pem: forge.pki.certificateToPem(cert) as string,
    sign: (body: string) => createSign('RSA-SHA256').update(body).sign(privateKey, 'base64'),
  };
}

describe('POST /alexa verifies that Alexa sent the request', () => {
  test('an unsigned request is refused with 400 and never reaches the skill', async () => {
    const download = stubCertificateDownload();
    const { userId, body } = stoppedEvent();
    const answer = await postToAlexa(body);
    expect(answer.status).toBe(400);
    expect(answer.text).toMatch(/Request verification failed.*Missing Certificate/);
    expect(download).not.toHaveBeenCalled();
    expect(await storedFor(userId)).toBeNull();
  });

  test.each([
    ['plain http', 'http://s3.amazonaws.com/echo.api/echo-api-cert.pem', /unsupported protocol/],
    ['another host', 'https://s3.amazonaws.com.evil.example/echo.api/echo-api-cert.pem', /invalid host name/],
    ['another path', 'https://s3.amazonaws.com/not-echo.api/echo-api-cert.pem', /invalid path/],
    ['another port', 'https://s3.amazonaws.com:8443/echo.api/echo-api-cert.pem', /invalid port/],
  ])('a signature whose certificate URL has %s is refused before any download', async (_case, certUrl, reason) => {
    const download = stubCertificateDownload();
    const { userId, body } = stoppedEvent();
    const answer = await postToAlexa(body, { SignatureCertChainUrl: certUrl, 'Signature-256': 'c2lnbmVk' });
    expect(answer.status).toBe(400);
    expect(answer.text).toMatch(reason);
    expect(download).not.toHaveBeenCalled();
    expect(await storedFor(userId)).toBeNull();
  });

  test('a request signed with a key Amazon never certified is refused, even at an Amazon-looking URL', async () => {
    const forged = forgedCertificate();
    const download = stubCertificateDownload(forged.pem);
    const { userId, body } = stoppedEvent();
    const answer = await postToAlexa(body, { SignatureCertChainUrl: AMAZON_CERT_URL, 'Signature-256': forged.sign(body) });
    expect(download).toHaveBeenCalledTimes(1);
    expect(answer.status).toBe(400);
    expect(answer.text).toMatch(/Request verification failed.*Certificate is not trusted/);
    expect(await storedFor(userId)).toBeNull();
  });

  test('a request more than 150 s old is refused as stale', async () => {
    stubCertificateDownload(); // the certificate download never finishes: the timestamp check decides
    const { userId, body } = stoppedEvent(new Date(Date.now() - 5 * 60_000).toISOString());
    const answer = await postToAlexa(body, { SignatureCertChainUrl: AMAZON_CERT_URL, 'Signature-256': 'c2lnbmVk' });
    expect(answer.status).toBe(400);
    expect(answer.text).toMatch(/Timestamp verification failed/);
    expect(await storedFor(userId)).toBeNull();
  });
});
