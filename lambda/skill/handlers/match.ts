import { getIntentName, getRequestType, type HandlerInput } from 'ask-sdk-core';

export function isRequest(input: HandlerInput, ...types: string[]): boolean {
  return types.includes(getRequestType(input.requestEnvelope));
}

export function isIntent(input: HandlerInput, ...names: string[]): boolean {
  return isRequest(input, 'IntentRequest') && names.includes(getIntentName(input.requestEnvelope));
}

/** AudioPlayer and PlaybackController requests: answered with directives only, never speech. */
export function isDeviceEvent(input: HandlerInput): boolean {
  const type = getRequestType(input.requestEnvelope);
  return type.startsWith('AudioPlayer.') || type.startsWith('PlaybackController.');
}
