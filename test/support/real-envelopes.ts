/**
 * Request envelopes shaped like published real captures (Echo devices, Echo Show, the developer
 * console, older SDK fixtures), written out in full rather than through the project's builder, so
 * the shapes are Alexa's, not ours: nulls where devices send nulls, strings where some send
 * strings, fields the skill never reads, and tokens from other skills.
 */
import { SKILL_ID } from '../../testkit/envelopes';

const USER = 'amzn1.ask.account.AGF3NETIE4MNXNG2Z64Z27RXB6JCK2R62BCPYUZI';
const DEVICE = 'amzn1.ask.device.AEYAGQXIVLPSUBGALJG6SFNOTG2XDGO5TQ5UFM2PYCE7WKV7KXCRIYZV';
const API = { apiEndpoint: 'https://api.amazonalexa.com', apiAccessToken: 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.e30.sig' };

export interface Capture {
  label: string;
  envelope: Record<string, unknown>;
  /** What a correct skill does with it. */
  expect: 'answered' | 'refused';
}

function system(extra: Record<string, unknown> = {}) {
  return {
    application: { applicationId: SKILL_ID },
    user: { userId: USER },
    device: { deviceId: DEVICE, supportedInterfaces: { AudioPlayer: {} } },
    ...API,
    ...extra,
  };
}

const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
const session = (extra: Record<string, unknown> = {}) => ({
  new: true,
  sessionId: 'amzn1.echo-api.session.0000',
  application: { applicationId: SKILL_ID },
  user: { userId: USER },
  attributes: {},
  ...extra,
});
const request = (type: string, extra: Record<string, unknown> = {}) => ({
  type,
  requestId: 'amzn1.echo-api.request.0000',
  timestamp: now(),
  locale: 'en-US',
  ...extra,
});

const FOREIGN_TOKENS = ['https://stream.radio.example/live.mp3', 'eyJhbGciOiJIUzI1NiJ9.e30.xyz', 'spine-nidra|1|standard|arrival', ''];
const AUDIO_EVENTS = ['PlaybackStarted', 'PlaybackNearlyFinished', 'PlaybackFinished', 'PlaybackStopped', 'PlaybackFailed'];
const BUTTONS = ['Play', 'Pause', 'Next', 'Previous'];

export function captures(): Capture[] {
  const list: Capture[] = [
    {
      label: 'AudioPlayer event with "session": null and a string offset',
      envelope: {
        version: '1.0',
        session: null,
        context: { System: system(), AudioPlayer: { playerActivity: 'PLAYING', token: FOREIGN_TOKENS[0], offsetInMilliseconds: '1234' } },
        request: request('AudioPlayer.PlaybackStarted', { token: FOREIGN_TOKENS[0], offsetInMilliseconds: '1234' }),
      },
      expect: 'answered',
    },
    {
      label: 'IntentRequest with no context.AudioPlayer at all (a device that never played)',
      envelope: {
        version: '1.0',
        session: session(),
        context: { System: system() },
        request: request('IntentRequest', { dialogState: 'STARTED', intent: { name: 'AMAZON.ResumeIntent', confirmationStatus: 'NONE' } }),
      },
      expect: 'answered',
    },
    {
      label: 'a recognised person without System.user (not a request for a listener)',
      envelope: {
        version: '1.0',
        session: null,
        context: { System: { ...system(), user: undefined, person: { personId: 'amzn1.ask.person.ABC', accessToken: 'x' } } },
        request: request('LaunchRequest'),
      },
      expect: 'refused',
    },
    {
      label: 'Echo Show: Viewports, Viewport, APL and the legacy Display interface',
      envelope: {
        version: '1.0',
        session: session(),
        context: {
          System: system({
            device: {
              deviceId: DEVICE,
              supportedInterfaces: {
                AudioPlayer: {},
                Display: { templateVersion: '1.0', markupVersion: '1.0' },
                'Alexa.Presentation.APL': { runtime: { maxVersion: '2024.3' } },
              },
            },
          }),
          Viewports: [
            {
              type: 'APL',
              id: 'main',
              shape: 'RECTANGLE',
              dpi: 213,
              presentationType: 'STANDARD',
              canRotate: false,
              configuration: {
                current: { mode: 'HUB', video: { codecs: ['H_264_42'] }, size: { type: 'DISCRETE', pixelWidth: 1280, pixelHeight: 800 } },
              },
            },
          ],
          Viewport: {
            experiences: [{ arcMinuteWidth: 346, arcMinuteHeight: 216, canRotate: false, canResize: false }],
            mode: 'HUB',
            shape: 'RECTANGLE',
            pixelWidth: 1280,
            pixelHeight: 800,
            dpi: 213,
            currentPixelWidth: 1280,
            currentPixelHeight: 800,
            touch: ['SINGLE'],
            keyboard: [],
          },
          AudioPlayer: { playerActivity: 'IDLE' },
        },
        request: request('LaunchRequest', { shouldLinkResultBeReturned: false }),
      },
      expect: 'answered',
    },
    {
      label: 'Extensions and Alexa.Presentation.APL.Video in the context',
      envelope: {
        version: '1.0',
        session: session(),
        context: {
          System: system(),
          Extensions: { available: { 'aplext:backstack:10': {} } },
          AudioPlayer: { playerActivity: 'STOPPED', token: FOREIGN_TOKENS[1], offsetInMilliseconds: 0 },
        },
        request: request('IntentRequest', { intent: { name: 'TimeLeftIntent', confirmationStatus: 'NONE', slots: {} } }),
      },
      expect: 'answered',
    },
    {
      label: 'legacy fields: session.attributes null, no locale, dialogState, a user accessToken',
      envelope: {
        version: '1.0',
        session: session({ attributes: null }),
        context: { System: system({ user: { userId: USER, accessToken: null, permissions: { consentToken: 'legacy' } } }) },
        request: {
          ...request('IntentRequest', { dialogState: 'COMPLETED', intent: { name: 'AMAZON.HelpIntent', confirmationStatus: 'NONE' } }),
          locale: undefined,
        },
      },
      expect: 'answered',
    },
    {
      label: 'a LaunchRequest carrying a task (a routine or a task launch)',
      envelope: {
        version: '1.0',
        session: session(),
        context: { System: system() },
        request: request('LaunchRequest', { task: { name: `${SKILL_ID}.StartPractice`, version: '1', input: {} } }),
      },
      expect: 'answered',
    },
    {
      label: 'CanFulfillIntentRequest as the documentation shows it',
      envelope: {
        version: '1.0',
        session: session(),
        context: { System: system() },
        request: request('CanFulfillIntentRequest', {
          intent: { name: 'SkipToSectionIntent', slots: { section: { name: 'section', value: 'lower back' } } },
        }),
      },
      expect: 'answered',
    },
    {
      label: 'SessionEndedRequest with an error, as the console sends it',
      envelope: {
        version: '1.0',
        session: session({ new: false }),
        context: { System: system() },
        request: request('SessionEndedRequest', {
          reason: 'ERROR',
          error: { type: 'INVALID_RESPONSE', message: 'An exception occurred while dispatching the request to the skill.' },
        }),
      },
      expect: 'answered',
    },
    {
      label: 'System.ExceptionEncountered after a rejected response',
      envelope: {
        version: '1.0',
        context: { System: system() },
        request: request('System.ExceptionEncountered', {
          error: { type: 'INVALID_RESPONSE', message: 'Invalid directive' },
          cause: { requestId: 'amzn1.echo-api.request.1' },
        }),
      },
      expect: 'answered',
    },
  ];
  for (const token of FOREIGN_TOKENS) {
    for (const event of AUDIO_EVENTS) {
      const extra =
        event === 'PlaybackFailed'
          ? {
              error: { type: 'MEDIA_ERROR_UNKNOWN', message: 'x' },
              currentPlaybackState: { token, offsetInMilliseconds: 10, playerActivity: 'STOPPED' },
            }
          : {};
      list.push({
        label: `AudioPlayer.${event} with a foreign token "${token}"`,
        envelope: {
          version: '1.0',
          context: { System: system(), AudioPlayer: { playerActivity: 'PLAYING', token, offsetInMilliseconds: 500 } },
          request: request(`AudioPlayer.${event}`, { token, offsetInMilliseconds: 500, ...extra }),
        },
        expect: 'answered',
      });
    }
    for (const button of BUTTONS) {
      list.push({
        label: `PlaybackController.${button}CommandIssued with a foreign token "${token}"`,
        envelope: {
          version: '1.0',
          context: { System: system(), AudioPlayer: { playerActivity: 'STOPPED', token, offsetInMilliseconds: 500 } },
          request: request(`PlaybackController.${button}CommandIssued`),
        },
        expect: 'answered',
      });
    }
  }
  return list;
}
