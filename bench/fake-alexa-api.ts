/**
 * Alexa's Settings API for the benchmark: a local HTTP server the envelopes point at, answering a
 * device's time zone after a realistic delay (about 30 ms, as from a Lambda in the same region),
 * and counting the calls. The tests have their own fake (test/support); the bench imports nothing
 * from test/.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface BenchAlexaApi {
  endpoint: string;
  /** Settings API calls answered so far. */
  calls: number;
  close(): Promise<void>;
}

export async function startBenchAlexaApi(latencyMs = 30, zone = 'America/Los_Angeles'): Promise<BenchAlexaApi> {
  const server: Server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const known = request.method === 'GET' && /^\/v2\/devices\/[^/]+\/settings\/System\.timeZone$/.test(request.url ?? '');
      if (known) api.calls += 1;
      setTimeout(() => {
        response.writeHead(known ? 200 : 404, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify(known ? zone : { code: 'NOT_FOUND' }));
      }, latencyMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const api: BenchAlexaApi = {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls: 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return api;
}
