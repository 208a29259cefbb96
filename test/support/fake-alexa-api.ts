/** Alexa's REST API as the skill sees it, faked at the HTTP boundary: a local server the envelopes point at. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RequestEnvelope } from 'ask-sdk-model';

export interface ReminderCall {
  authorization?: string;
  body: any;
}

export interface FakeAlexaApi {
  endpoint: string;
  /** The device time zone it answers with (a JSON string), or a status to fail with. */
  zone: string | number;
  reminderStatus: number;
  reminders: ReminderCall[];
  timeZoneCalls: number;
  /** Points a request at this fake, with an access token. */
  aim(envelope: RequestEnvelope): RequestEnvelope;
  close(): Promise<void>;
}

export async function startFakeAlexaApi(): Promise<FakeAlexaApi> {
  const server: Server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk) => (text += chunk));
    request.on('end', () => {
      const json = (status: number, body: unknown) => {
        response.writeHead(status, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify(body));
      };
      if (request.method === 'GET' && /^\/v2\/devices\/[^/]+\/settings\/System\.timeZone$/.test(request.url ?? '')) {
        fake.timeZoneCalls += 1;
        return typeof fake.zone === 'number' ? json(fake.zone, { code: 'NO' }) : json(200, fake.zone);
      }
      if (request.method === 'POST' && request.url === '/v1/alerts/reminders') {
        fake.reminders.push({ authorization: request.headers.authorization, body: JSON.parse(text) });
        if (fake.reminderStatus === 201) return json(201, { alertToken: 'alert-1', status: 'ON', version: '1' });
        return json(fake.reminderStatus, { code: fake.reminderStatus === 500 ? 'INTERNAL_ERROR' : 'UNAUTHORIZED', message: 'no' });
      }
      return json(404, { code: 'NOT_FOUND' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const fake: FakeAlexaApi = {
    endpoint,
    zone: 'America/New_York',
    reminderStatus: 201,
    reminders: [],
    timeZoneCalls: 0,
    aim(envelope) {
      Object.assign(envelope.context.System, { apiEndpoint: endpoint, apiAccessToken: 'alexa-api-access-token-for-tests' });
      return envelope;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return fake;
}

/** An address nothing listens on: a server opened and closed again. */
export async function unreachableEndpoint(): Promise<string> {
  const fake = await startFakeAlexaApi();
  await fake.close();
  return fake.endpoint;
}
