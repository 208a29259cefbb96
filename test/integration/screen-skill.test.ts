/**
 * Screens through the real skill: every Play names its picture of the spine (art and background,
 * under AUDIO_BASE_URL), and a device with APL gets a page with where we are and how far through,
 * only on spoken requests that start or move playback, never on AudioPlayer or button requests.
 */
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import { imageRegionOf, IMAGE_REGIONS, type ImageRegion } from '../../lambda/playback/images';
import { isPersonalClip, playOrder, timeLeftMs } from '../../lambda/playback/plan';
import { encodeToken } from '../../lambda/playback/token';
import type { SkillDeps } from '../../lambda/skill/deps';
import { APL_TOKEN, SCREEN_DOCUMENT, screenData } from '../../lambda/skill/screen';
import { AUDIO_BASE_URL, testCatalog } from '../support/catalog';
import { createHarness, type Harness } from '../support/harness';
import { segmentOfToken } from '../../testkit/tokens';
import { audioEvent, controller, intent, launch, sectionSlot } from '../../testkit/envelopes';
import { walkPractice } from '../support/walk';

const EXPECTED_REGION: Readonly<Record<string, ImageRegion>> = {
  'spine-rotation-cervical': 'cervical',
  'spine-rotation-thoracic': 'thoracic',
  'spine-rotation-lumbar': 'lumbar',
  'spine-rotation-column': 'column',
  'spine-breath': 'column',
  'crown-breath': 'column',
};

interface PlayWithMetadata {
  playBehavior: string;
  audioItem: {
    stream: { token: string; offsetInMilliseconds: number };
    metadata?: {
      title?: string;
      subtitle?: string;
      art?: { sources?: Array<{ url: string; widthPixels?: number; heightPixels?: number }> };
      backgroundImage?: { sources?: Array<{ url: string; widthPixels?: number; heightPixels?: number }> };
    };
  };
}

const directivesOf = (response: ResponseEnvelope) => (response.response.directives ?? []) as Array<{ type: string } & Record<string, unknown>>;
const fullPlayOf = (response: ResponseEnvelope) => directivesOf(response).find((d) => d.type === 'AudioPlayer.Play') as PlayWithMetadata | undefined;
const aplOf = (response: ResponseEnvelope) =>
  directivesOf(response).filter((d) => d.type.startsWith('Alexa.Presentation.APL')) as Array<{
    type: string;
    token?: string;
    document: unknown;
    datasources: { data: Record<string, unknown> };
  }>;

/** The same request from an Echo Show. */
function onScreen(envelope: RequestEnvelope): RequestEnvelope {
  const device = envelope.context.System.device as unknown as { supportedInterfaces: Record<string, unknown> };
  device.supportedInterfaces['Alexa.Presentation.APL'] = { runtime: { maxVersion: '2023.3' } };
  return envelope;
}

/** What every Play must carry for the segment it plays. */
function expectPictures(play: PlayWithMetadata): void {
  const segmentId = segmentOfToken(play.audioItem.stream.token);
  const region = EXPECTED_REGION[segmentId.replace(/-personal$/, '')] ?? 'none';
  const catalog = testCatalog();
  const title = isPersonalClip(segmentId) ? 'Your sankalpa' : catalog.segments[segmentId].title;
  expect(play.audioItem.metadata).toEqual({
    title: 'Spine Nidra',
    subtitle: title.charAt(0).toUpperCase() + title.slice(1),
    art: {
      contentDescription: expect.any(String),
      sources: [{ url: `${AUDIO_BASE_URL}/images/spine-${region}.0123456789.png`, widthPixels: 512, heightPixels: 512 }],
    },
    backgroundImage: {
      contentDescription: expect.any(String),
      sources: [{ url: `${AUDIO_BASE_URL}/images/spine-${region}-background.0123456789.png`, widthPixels: 1024, heightPixels: 640 }],
    },
  });
}

describe('the picture for each part', () => {
  const catalog = testCatalog();

  it('is chosen for every segment of every variant, personal clips following their sankalpa part', () => {
    expect(Object.keys(catalog.variants).length).toBeGreaterThan(1);
    for (const variant of Object.keys(catalog.variants)) {
      for (const segmentId of playOrder(catalog, variant, '0123456789abcdef')) {
        expect([segmentId, imageRegionOf(catalog, segmentId)]).toEqual([segmentId, EXPECTED_REGION[segmentId] ?? 'none']);
      }
    }
    expect(imageRegionOf(catalog, 'sankalpa-personal')).toBe(imageRegionOf(catalog, 'sankalpa'));
    expect(imageRegionOf(catalog, 'closing-sankalpa-personal')).toBe(imageRegionOf(catalog, 'closing-sankalpa'));
    expect(imageRegionOf(catalog, 'not-a-segment')).toBe('none');
  });

  it('every region has a part that shows it', () => {
    const shown = new Set(catalog.variants.standard.map((id) => imageRegionOf(catalog, id)));
    expect([...shown].sort()).toEqual([...IMAGE_REGIONS].sort());
  });
});

describe('Play metadata', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await createHarness();
  });

  it('names the art and background on every Play of a whole practice, REPLACE_ALL and ENQUEUE alike', async () => {
    const plays: PlayWithMetadata[] = [];
    const recording: Harness = {
      ...harness,
      async send(request) {
        const response = await harness.send(request);
        const play = fullPlayOf(response);
        if (play) plays.push(play);
        return response;
      },
    };
    const { tokens } = await walkPractice(recording, 'amzn1.ask.account.SCREEN-WALK');
    expect(plays.map((play) => play.audioItem.stream.token)).toEqual(tokens);
    expect(plays[0].playBehavior).toBe('REPLACE_ALL');
    expect(plays.slice(1).every((play) => play.playBehavior === 'ENQUEUE')).toBe(true);
    plays.forEach(expectPictures);
  });

  const playing = (segmentId: string, offsetInMilliseconds = 60_000) => ({
    token: encodeToken(testCatalog(), { variant: 'standard', segmentId, nonce: 'screen01', attempt: 0, clip: '' }),
    offsetInMilliseconds,
    playerActivity: 'PLAYING',
  });

  it.each([
    ['a launch', () => launch({ userId: 'amzn1.ask.account.SCREEN-LAUNCH' })],
    [
      '"skip to the lower back"',
      () => intent('SkipToSectionIntent', { slots: sectionSlot('lower back', 'spine-rotation-lumbar'), player: playing('arrival') }),
    ],
    ['"next"', () => intent('AMAZON.NextIntent', { player: playing('spine-rotation-thoracic') })],
    ['the Next button', () => controller('Next', { player: playing('limbs') })],
    [
      'a personal clip enqueued after the sankalpa',
      () =>
        audioEvent(
          'PlaybackNearlyFinished',
          encodeToken(testCatalog(), { variant: 'standard', segmentId: 'sankalpa', nonce: 'screen01', attempt: 0, clip: '0123456789abcdef' }),
          1,
        ),
    ],
  ])('names them on the Play answering %s', async (_label, request) => {
    const play = fullPlayOf(await harness.send(request()));
    expect(play).toBeDefined();
    expectPictures(play as PlayWithMetadata);
  });
});

describe('the APL page', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await createHarness();
  });
  const catalog = testCatalog();
  const playing = (segmentId: string, offsetInMilliseconds = 60_000, playerActivity = 'PLAYING') => ({
    token: encodeToken(catalog, { variant: 'standard', segmentId, nonce: 'screen02', attempt: 0, clip: '' }),
    offsetInMilliseconds,
    playerActivity,
  });
  const percentAt = (segmentId: string, offsetMs = 0) => {
    const total = catalog.variants.standard.reduce((sum, id) => sum + catalog.segments[id].durationMs, 0);
    return Math.round((100 * (total - timeLeftMs(catalog, 'standard', segmentId, offsetMs))) / total);
  };

  it('comes with a launch on a screen: the part, its picture and 0% through', async () => {
    const response = await harness.send(onScreen(launch({ userId: 'amzn1.ask.account.SCREEN-APL' })));
    const [apl, ...more] = aplOf(response);
    expect(more).toEqual([]);
    expect(apl).toMatchObject({ type: 'Alexa.Presentation.APL.RenderDocument', token: APL_TOKEN, document: { type: 'APL', version: '2023.3' } });
    expect(apl.datasources.data).toEqual({
      section: 'The arrival',
      part: '',
      art: `${AUDIO_BASE_URL}/images/spine-none.0123456789.png`,
      percent: 0,
      left: expect.stringMatching(/^About \d+ minutes left$/),
    });
    expect(directivesOf(response)[0].type).toBe('AudioPlayer.Play');
  });

  it('shows the section, the part and how far through the practice a skip lands', async () => {
    const response = await harness.send(
      onScreen(intent('SkipToSectionIntent', { slots: sectionSlot('lower back', 'spine-rotation-lumbar'), player: playing('arrival') })),
    );
    const data = aplOf(response)[0]?.datasources.data;
    expect(data).toMatchObject({
      section: 'The spine rotation',
      part: 'The lower back',
      art: `${AUDIO_BASE_URL}/images/spine-lumbar.0123456789.png`,
    });
    expect(data?.percent).toBe(percentAt('spine-rotation-lumbar'));
    expect(data?.percent).toBeGreaterThan(0);
    expect(data?.percent).toBeLessThan(100);
  });

  it('comes with "next" too, and counts a resumed offset into the progress', async () => {
    const next = await harness.send(onScreen(intent('AMAZON.NextIntent', { player: playing('spine-rotation-thoracic') })));
    expect(aplOf(next)[0]?.datasources.data).toMatchObject({ part: 'The lower back', percent: percentAt('spine-rotation-lumbar') });
    const resumed = await harness.send(onScreen(intent('AMAZON.ResumeIntent', { player: playing('limbs', 130_000, 'STOPPED') })));
    const play = fullPlayOf(resumed);
    expect(aplOf(resumed)[0]?.datasources.data.percent).toBe(percentAt('limbs', play?.audioItem.stream.offsetInMilliseconds));
  });

  it('is left out where the device has no screen', async () => {
    const response = await harness.send(
      intent('SkipToSectionIntent', { slots: sectionSlot('lower back', 'spine-rotation-lumbar'), player: playing('arrival') }),
    );
    expect(fullPlayOf(response)).toBeDefined();
    expect(aplOf(response)).toEqual([]);
  });

  it('is left out of spoken answers that do not start or move playback', async () => {
    const paused = await harness.send(onScreen(intent('AMAZON.PauseIntent', { player: playing('limbs') })));
    expect(fullPlayOf(paused)).toBeUndefined();
    expect(aplOf(paused)).toEqual([]);
  });

  it.each([
    ['PlaybackNearlyFinished (an ENQUEUE)', () => audioEvent('PlaybackNearlyFinished', playing('limbs').token, 1)],
    ['PlaybackStarted', () => audioEvent('PlaybackStarted', playing('limbs').token, 0)],
    ['the Next button (a REPLACE_ALL)', () => controller('Next', { player: playing('limbs') })],
    ['the Previous button', () => controller('Previous', { player: playing('limbs', 1_000) })],
    ['the Play button', () => controller('Play', { player: playing('limbs', 5_000, 'STOPPED') })],
  ])('is never sent in answer to %s, even on a screen', async (_label, request) => {
    const response = await harness.send(onScreen(request()));
    expect(aplOf(response)).toEqual([]);
  });

  it('binds only data the skill sends', () => {
    const deps = { catalog, audioBaseUrl: AUDIO_BASE_URL } as SkillDeps;
    const data = screenData(deps, 'standard', 'sankalpa-personal', 0);
    expect(data).toMatchObject({ section: 'Your sankalpa', part: '', percent: percentAt('sankalpa-personal') });
    const bound = [...JSON.stringify(SCREEN_DOCUMENT).matchAll(/\$\{payload\.data\.(\w+)/g)].map((match) => match[1]);
    expect(bound.length).toBeGreaterThan(3);
    for (const key of bound) expect(Object.keys(data ?? {})).toContain(key);
    expect(screenData(deps, 'standard', 'closing-sankalpa-personal', 0)).toMatchObject({ section: 'The closing sankalpa', part: 'Your sankalpa' });
    expect(screenData(deps, 'standard', 'return', catalog.segments.return.durationMs)).toMatchObject({ percent: 100, left: '' });
  });
});
