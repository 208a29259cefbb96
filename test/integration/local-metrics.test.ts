/**
 * Locally the skill counts the same practice metrics as on Lambda, and the simulator shows their
 * funnel with every answer.
 */
import type { LocalServer } from '../../local/server';
import { encodeToken } from '../../lambda/playback/token';
import { testCatalog } from '../support/catalog';
import { createTestFolders, postJson, startTestServer } from '../support/local-server';
import { audioEvent } from '../../testkit/envelopes';

let server: LocalServer;
beforeAll(async () => {
  server = await startTestServer(createTestFolders());
});
afterAll(() => server.close());

const token = (segmentId: string) => encodeToken(testCatalog(), { variant: 'standard', segmentId, nonce: 'feed1234', attempt: 0, clip: '' });

test('the simulator gets the funnel of what this server counted, in the practice order', async () => {
  const userId = 'amzn1.ask.account.SIM-METRICS';
  const first = testCatalog().variants.standard[0];
  const at = (ms: number) => ({ userId, timestamp: new Date(Date.now() - 60_000 + ms).toISOString() });
  await postJson(server, '/simulator/alexa', audioEvent('PlaybackStarted', token(first), 0, at(0)));
  const stopped = await postJson(server, '/simulator/alexa', audioEvent('PlaybackStopped', token('body-scan'), 5_000, at(5_000)));
  const { totals, funnel } = stopped.json.metrics as { totals: Record<string, number>; funnel: Array<{ section: string; stops: number }> };
  expect(totals).toMatchObject({ PracticeStarted: 1, 'StoppedIn.body-scan': 1 });
  const sections = [...new Set(Object.values(testCatalog().segments).map((segment) => segment.sectionId))];
  expect(funnel.map((row) => row.section)).toEqual(sections);
  expect(funnel.find((row) => row.section === 'body-scan')?.stops).toBe(1);
});
