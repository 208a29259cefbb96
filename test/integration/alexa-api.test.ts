/**
 * Alexa's REST APIs over node's http(s) (lambda/alexa/http-call.ts): answers, Alexa's error codes,
 * and a call that never answers giving up within its budget instead of holding the request.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AlexaApiError, callAlexaApi, deviceTimeZone } from '../../lambda/alexa/api';
import { launch } from '../../testkit/envelopes';

describe('calling the Alexa API', () => {
  let server: Server;
  let endpoint: string;
  const seen: Array<{ method?: string; url?: string; authorization?: string; body: string }> = [];
  let answer: (url: string) => { status: number; body: unknown } | 'hang' = () => ({ status: 200, body: 'Europe/Berlin' });
  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        seen.push({ method: request.method, url: request.url, authorization: request.headers.authorization, body });
        const reply = answer(request.url ?? '');
        if (reply === 'hang') return;
        response.writeHead(reply.status, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify(reply.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  const aimed = () => {
    const envelope = launch({ deviceId: 'amzn1.ask.device.API-TEST' });
    Object.assign(envelope.context.System, { apiEndpoint: endpoint, apiAccessToken: 'token-for-the-api-test' });
    return envelope;
  };

  it('asks for the device time zone with the bearer token, and takes its answer', async () => {
    answer = () => ({ status: 200, body: 'Europe/Berlin' });
    expect(await deviceTimeZone(aimed())).toEqual({ zone: 'Europe/Berlin', source: 'device' });
    expect(seen.at(-1)).toMatchObject({
      method: 'GET',
      url: '/v2/devices/amzn1.ask.device.API-TEST/settings/System.timeZone',
      authorization: 'Bearer token-for-the-api-test',
    });
  });

  it("sends a JSON body and reports Alexa's error code on a refusal", async () => {
    answer = () => ({ status: 403, body: { code: 'NO_PERMISSION' } });
    const call = callAlexaApi(aimed(), { method: 'POST', path: '/v1/alerts/reminders', body: { a: 1 }, budgetMs: 1_000 });
    await expect(call).rejects.toMatchObject({ name: 'AlexaApiError', status: 403, code: 'NO_PERMISSION' });
    expect(JSON.parse(seen.at(-1)?.body ?? '')).toEqual({ a: 1 });
  });

  it("gives up on an API that never answers, and the locale's zone stands in", async () => {
    answer = () => 'hang';
    await expect(callAlexaApi(aimed(), { method: 'GET', path: '/v2/anything', budgetMs: 50 })).rejects.toBeInstanceOf(AlexaApiError);
    expect(await deviceTimeZone(aimed(), 50)).toEqual({ zone: 'America/New_York', source: 'locale' });
  });
});
