import type { HandlerInput } from 'ask-sdk-core';
import { getIntentName, getRequestType } from '../ask-sdk';
import type { IntentName } from '../../../models/intents';

export function isRequest(input: HandlerInput, ...types: string[]): boolean {
  return types.includes(getRequestType(input.requestEnvelope));
}

/** Names come from the interaction model's registry, so a handler cannot match an intent the model lacks. */
export function isIntent(input: HandlerInput, ...names: IntentName[]): boolean {
  return isRequest(input, 'IntentRequest') && (names as string[]).includes(getIntentName(input.requestEnvelope));
}

/** AudioPlayer and PlaybackController requests: answered with directives only, never speech. */
export function isDeviceEvent(input: HandlerInput): boolean {
  const type = getRequestType(input.requestEnvelope);
  return type.startsWith('AudioPlayer.') || type.startsWith('PlaybackController.');
}
