/** Request envelopes shaped like the ones Alexa sends, for driving the real skill in tests. */
import type { RequestEnvelope } from 'ask-sdk-model';

export const SKILL_ID = 'amzn1.ask.skill.spine-nidra-test';

export interface DevicePlayer {
  token: string;
  offsetInMilliseconds: number;
  playerActivity: string;
}

export interface Envelope {
  userId?: string;
  deviceId?: string;
  timestamp?: string;
  player?: DevicePlayer;
  session?: { attributes?: Record<string, unknown>; new?: boolean } | false;
  skillId?: string;
  /** A recognised voice (context.System.person.personId). */
  personId?: string;
}

let counter = 0;

function envelope(request: Record<string, unknown>, options: Envelope, withSession: boolean): RequestEnvelope {
  counter += 1;
  const skillId = options.skillId ?? SKILL_ID;
  const userId = options.userId ?? 'amzn1.ask.account.LISTENER-ONE';
  const application = { applicationId: skillId };
  const context: Record<string, unknown> = {
    System: {
      application,
      user: { userId },
      device: { deviceId: options.deviceId ?? 'amzn1.ask.device.ECHO-BEDROOM', supportedInterfaces: { AudioPlayer: {} } },
      apiEndpoint: 'https://api.amazonalexa.com',
      ...(options.personId ? { person: { personId: options.personId } } : {}),
    },
  };
  if (options.player) context.AudioPlayer = options.player;
  const result: Record<string, unknown> = {
    version: '1.0',
    context,
    request: {
      requestId: `amzn1.echo-api.request.${counter}`,
      timestamp: options.timestamp ?? new Date().toISOString(),
      locale: 'en-US',
      ...request,
    },
  };
  if (withSession && options.session !== false) {
    result.session = {
      new: options.session?.new ?? true,
      sessionId: `amzn1.echo-api.session.${counter}`,
      application,
      user: { userId },
      attributes: options.session?.attributes ?? {},
    };
  }
  return result as unknown as RequestEnvelope;
}

export function launch(options: Envelope = {}): RequestEnvelope {
  return envelope({ type: 'LaunchRequest' }, options, true);
}

export function intent(name: string, options: Envelope & { slots?: Record<string, unknown> } = {}): RequestEnvelope {
  const slots = options.slots ?? {};
  return envelope({ type: 'IntentRequest', intent: { name, confirmationStatus: 'NONE', slots } }, options, true);
}

/** A `section` slot as Alexa fills it, with or without an entity-resolution match. */
export function sectionSlot(spoken: string, resolvedId?: string): Record<string, unknown> {
  const resolutions = resolvedId
    ? { resolutionsPerAuthority: [{ authority: 'amzn1.er-authority.echo-sdk.SECTION', status: { code: 'ER_SUCCESS_MATCH' }, values: [{ value: { name: spoken, id: resolvedId } }] }] }
    : { resolutionsPerAuthority: [{ authority: 'amzn1.er-authority.echo-sdk.SECTION', status: { code: 'ER_SUCCESS_NO_MATCH' } }] };
  return { section: { name: 'section', value: spoken, confirmationStatus: 'NONE', resolutions } };
}

export function audioEvent(
  type: string,
  token: string,
  offsetInMilliseconds: number,
  options: Envelope & { extra?: Record<string, unknown> } = {},
): RequestEnvelope {
  return envelope({ type: `AudioPlayer.${type}`, token, offsetInMilliseconds, ...(options.extra ?? {}) }, options, false);
}

export function controller(command: 'Play' | 'Pause' | 'Next' | 'Previous', options: Envelope = {}): RequestEnvelope {
  return envelope({ type: `PlaybackController.${command}CommandIssued` }, options, false);
}

export function system(type: string, extra: Record<string, unknown> = {}, options: Envelope = {}): RequestEnvelope {
  return envelope({ type, ...extra }, options, type === 'SessionEndedRequest');
}
