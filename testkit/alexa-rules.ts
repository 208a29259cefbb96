/**
 * The rules a real Echo enforces on a skill's answer, as a pure check. Tests assert every
 * response against it; the local device simulator flags what a device would reject.
 */
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';

export const MAX_TOKEN_LENGTH = 1024;
export const MAX_URL_LENGTH = 8000;

interface ImageLike {
  sources?: Array<{ url?: string }>;
}

interface PlayLike {
  type: string;
  playBehavior?: string;
  audioItem?: {
    stream?: { url?: string; token?: string; expectedPreviousToken?: string; offsetInMilliseconds?: number };
    metadata?: { art?: ImageLike; backgroundImage?: ImageLike };
  };
}

const APL_DIRECTIVE = /^Alexa\.Presentation\.APL\./;
/** Requests Alexa sends outside a conversation: nobody is listening for a question. */
const NO_CONVERSATION = /^(AudioPlayer\.|PlaybackController\.|SessionEndedRequest$|System\.)/;

/** The words of an SSML or plain-text speech, tags and trailing space removed. */
function spokenText(speech: unknown): string {
  const { ssml, text } = (speech ?? {}) as { ssml?: string; text?: string };
  return (ssml ?? text ?? '').replace(/<[^>]*>/g, '').trim();
}

/**
 * Certification test cases 4.12 and 4.13: a spoken answer that keeps the microphone open must ask
 * something and carry a reprompt, or the listener hears a statement, then silence, then a beep.
 */
function openSessionProblems(requestType: string, response: ResponseEnvelope['response']): string[] {
  if (NO_CONVERSATION.test(requestType) || response.shouldEndSession === true || !response.outputSpeech) return [];
  // A hand-over to an Alexa task (a routine offer): Alexa asks its own question, then resumes the session.
  if (response.directives?.some((directive) => directive.type === 'Connections.StartConnection')) return [];
  const problems: string[] = [];
  if (!response.reprompt) problems.push(`${requestType}: the session is left open without a reprompt`);
  if (!spokenText(response.outputSpeech).endsWith('?'))
    problems.push(`${requestType}: the session is left open but the speech does not end with a question`);
  return problems;
}

export function alexaRuleViolations(request: RequestEnvelope, envelope: ResponseEnvelope, options: { audioBaseUrl?: string } = {}): string[] {
  const problems: string[] = [];
  const requestType = request.request.type;
  const response = envelope.response ?? {};
  const directives = (response.directives ?? []) as PlayLike[];
  const deviceEvent = requestType.startsWith('AudioPlayer.') || requestType.startsWith('PlaybackController.');

  if (deviceEvent) {
    if (response.outputSpeech) problems.push(`${requestType}: outputSpeech is not allowed`);
    if (response.card) problems.push(`${requestType}: a card is not allowed`);
    if (response.reprompt) problems.push(`${requestType}: a reprompt is not allowed`);
    if (response.shouldEndSession !== undefined) problems.push(`${requestType}: shouldEndSession is not allowed (there is no session)`);
    const foreign = directives.filter((d) => !d.type.startsWith('AudioPlayer.'));
    if (foreign.length) problems.push(`${requestType}: only AudioPlayer directives are allowed, not ${foreign[0].type}`);
    if (envelope.sessionAttributes && Object.keys(envelope.sessionAttributes).length > 0) {
      problems.push(`${requestType}: there is no session to hold attributes`);
    }
  }
  const apl = directives.filter((d) => APL_DIRECTIVE.test(d.type));
  // AudioPlayer and PlaybackController requests may be answered with AudioPlayer directives only.
  if (deviceEvent && apl.length) problems.push(`${requestType}: ${apl[0].type} is not allowed`);
  const supported = (request.context?.System?.device?.supportedInterfaces ?? {}) as Record<string, unknown>;
  if (apl.length && !supported['Alexa.Presentation.APL']) problems.push(`${apl[0].type} sent to a device without APL`);
  if (requestType === 'AudioPlayer.PlaybackFinished' && directives.some((d) => d.type === 'AudioPlayer.Play')) {
    problems.push('PlaybackFinished: Play is not allowed; enqueue on NearlyFinished instead');
  }

  const plays = directives.filter((d) => d.type === 'AudioPlayer.Play');
  if (plays.length > 1) problems.push(`${plays.length} Play directives in one response (at most one)`);
  for (const play of plays) {
    const stream = play.audioItem?.stream ?? {};
    const behavior = play.playBehavior;
    if (!['REPLACE_ALL', 'ENQUEUE', 'REPLACE_ENQUEUED'].includes(behavior ?? '')) problems.push(`unknown playBehavior ${behavior}`);
    if (behavior === 'ENQUEUE' && !stream.expectedPreviousToken) problems.push('ENQUEUE without expectedPreviousToken');
    if (behavior !== 'ENQUEUE' && stream.expectedPreviousToken !== undefined) {
      problems.push(`expectedPreviousToken with ${behavior} (only allowed with ENQUEUE)`);
    }
    if (!stream.url?.startsWith('https://')) problems.push(`stream URL is not https: ${stream.url}`);
    if (stream.url && stream.url.length > MAX_URL_LENGTH) problems.push('stream URL longer than 8000 characters');
    if (options.audioBaseUrl && stream.url && !stream.url.startsWith(`${options.audioBaseUrl}/`)) {
      problems.push(`stream URL outside AUDIO_BASE_URL: ${stream.url}`);
    }
    for (const [name, image] of Object.entries(play.audioItem?.metadata ?? {})) {
      if (name !== 'art' && name !== 'backgroundImage') continue;
      for (const { url } of (image as ImageLike | undefined)?.sources ?? []) {
        // The device fetches pictures itself, like the audio: https only, from where the audio lives.
        if (!url?.startsWith('https://')) problems.push(`${name} image URL is not https: ${url}`);
        else if (options.audioBaseUrl && !url.startsWith(`${options.audioBaseUrl}/`))
          problems.push(`${name} image URL outside AUDIO_BASE_URL: ${url}`);
      }
    }
    if (!stream.token || stream.token.length > MAX_TOKEN_LENGTH) problems.push('token missing or longer than 1024 characters');
    if (typeof stream.offsetInMilliseconds !== 'number' || stream.offsetInMilliseconds < 0) {
      problems.push('offsetInMilliseconds missing or negative');
    }
    if (!deviceEvent && response.shouldEndSession !== true) {
      problems.push('a Play directive in answer to speech must end the session, or the device pauses the stream to listen');
    }
  }
  problems.push(...openSessionProblems(requestType, response));
  if (Buffer.byteLength(JSON.stringify(envelope)) > 120 * 1024) problems.push('response larger than 120 KB');
  return problems;
}
