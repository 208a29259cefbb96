/**
 * Request envelopes shaped like the ones Alexa sends: the one builder behind the tests, the
 * benchmark, the load run and the fuzz. Each names only what differs from a plain request of one
 * listener on one Echo; everything else takes the defaults below.
 */
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';

export const SKILL_ID = 'amzn1.ask.skill.spine-nidra-test';
export const LISTENER_ID = 'amzn1.ask.account.LISTENER-ONE';
export const ECHO_ID = 'amzn1.ask.device.ECHO-BEDROOM';
export const ALEXA_API_ENDPOINT = 'https://api.amazonalexa.com';

export interface DevicePlayer {
  token?: string;
  offsetInMilliseconds?: number;
  playerActivity: string;
}

export interface SessionOptions {
  attributes?: Record<string, unknown>;
  new?: boolean;
  sessionId?: string;
}

export interface EnvelopeOptions {
  skillId?: string;
  userId?: string;
  deviceId?: string;
  /** A recognised voice (context.System.person.personId). */
  personId?: string;
  locale?: string;
  /** ISO text as sent, or epoch milliseconds; now by default. */
  timestamp?: string | number;
  requestId?: string;
  /** The device's AudioPlayer state (context.AudioPlayer). */
  player?: DevicePlayer;
  /** A voice session's id and attributes, or false for none where one would be sent. */
  session?: SessionOptions | false;
  /** The device's interfaces; an Echo with AudioPlayer by default. */
  supportedInterfaces?: Record<string, unknown>;
  /** Alexa's API endpoint and the request's access token, or false for neither. */
  api?: { endpoint?: string; accessToken?: string } | false;
}

let counter = 0;

/** Any request in an envelope; `withSession` says whether Alexa would send a session with it. */
export function envelope(request: Record<string, unknown>, options: EnvelopeOptions = {}, withSession = false): RequestEnvelope {
  counter += 1;
  // Fresh objects for context and session alike, so a test that tampers with one leaves the other.
  const application = () => ({ applicationId: options.skillId ?? SKILL_ID });
  const user = () => ({ userId: options.userId ?? LISTENER_ID });
  const api =
    options.api === false
      ? {}
      : {
          apiEndpoint: options.api?.endpoint ?? ALEXA_API_ENDPOINT,
          ...(options.api?.accessToken ? { apiAccessToken: options.api.accessToken } : {}),
        };
  const context: Record<string, unknown> = {
    System: {
      application: application(),
      user: user(),
      device: { deviceId: options.deviceId ?? ECHO_ID, supportedInterfaces: options.supportedInterfaces ?? { AudioPlayer: {} } },
      ...api,
      ...(options.personId !== undefined ? { person: { personId: options.personId } } : {}),
    },
  };
  if (options.player) context.AudioPlayer = options.player;
  const timestamp =
    typeof options.timestamp === 'number' ? new Date(options.timestamp).toISOString() : (options.timestamp ?? new Date().toISOString());
  const body: Record<string, unknown> = {
    version: '1.0',
    context,
    request: { requestId: options.requestId ?? `amzn1.echo-api.request.${counter}`, timestamp, locale: options.locale ?? 'en-US', ...request },
  };
  if (withSession && options.session !== false) {
    body.session = {
      new: options.session?.new ?? true,
      sessionId: options.session?.sessionId ?? `amzn1.echo-api.session.${counter}`,
      application: application(),
      user: user(),
      attributes: options.session?.attributes ?? {},
    };
  }
  return body as unknown as RequestEnvelope;
}

export function launch(options: EnvelopeOptions = {}): RequestEnvelope {
  return envelope({ type: 'LaunchRequest' }, options, true);
}

export function intent(name: string, options: EnvelopeOptions & { slots?: Record<string, unknown> } = {}): RequestEnvelope {
  return envelope({ type: 'IntentRequest', intent: { name, confirmationStatus: 'NONE', slots: options.slots ?? {} } }, options, true);
}

/** A `section` slot as Alexa fills it, with or without an entity-resolution match. */
export function sectionSlot(spoken: string, resolvedId?: string): Record<string, unknown> {
  const resolutions = resolvedId
    ? {
        resolutionsPerAuthority: [
          {
            authority: 'amzn1.er-authority.echo-sdk.SECTION',
            status: { code: 'ER_SUCCESS_MATCH' },
            values: [{ value: { name: spoken, id: resolvedId } }],
          },
        ],
      }
    : { resolutionsPerAuthority: [{ authority: 'amzn1.er-authority.echo-sdk.SECTION', status: { code: 'ER_SUCCESS_NO_MATCH' } }] };
  return { section: { name: 'section', value: spoken, confirmationStatus: 'NONE', resolutions } };
}

export function audioEvent(
  type: string,
  token: string,
  offsetInMilliseconds: number,
  options: EnvelopeOptions & { extra?: Record<string, unknown> } = {},
): RequestEnvelope {
  return envelope({ type: `AudioPlayer.${type}`, token, offsetInMilliseconds, ...(options.extra ?? {}) }, options, false);
}

export function controller(command: 'Play' | 'Pause' | 'Next' | 'Previous', options: EnvelopeOptions = {}): RequestEnvelope {
  return envelope({ type: `PlaybackController.${command}CommandIssued` }, options, false);
}

export function system(type: string, extra: Record<string, unknown> = {}, options: EnvelopeOptions = {}): RequestEnvelope {
  return envelope({ type, ...extra }, options, type === 'SessionEndedRequest');
}

export interface Play {
  behavior: string;
  url: string;
  token: string;
  offsetInMilliseconds: number;
  expectedPreviousToken?: string;
}

/** The Play directive of a response, if any. */
export function playOf(response: ResponseEnvelope): Play | undefined {
  const play = (response.response?.directives ?? []).find((d) => d.type === 'AudioPlayer.Play') as
    | { playBehavior: string; audioItem: { stream: Omit<Play, 'behavior'> } }
    | undefined;
  return play && { behavior: play.playBehavior, ...play.audioItem.stream };
}

export function speechOf(response: ResponseEnvelope): string | undefined {
  const speech = response.response?.outputSpeech as { ssml?: string } | undefined;
  return speech?.ssml;
}
