// Request envelopes shaped like the ones an Echo sends through Alexa: real timestamps (Alexa's
// one-second resolution), the device's AudioPlayer state in the context, and a session only on
// speech requests (AudioPlayer and PlaybackController requests have none).

let counter = 0;

function newId(prefix) {
  counter += 1;
  const random = Math.random().toString(36).slice(2, 10);
  return `${prefix}.sim-${Date.now().toString(36)}-${counter}-${random}`;
}

/** ISO 8601 without milliseconds, as Alexa writes request timestamps. */
export function alexaTimestamp(date = new Date()) {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function newSession() {
  return { sessionId: newId('amzn1.echo-api.session'), attributes: {}, new: true };
}

export function createEnvelopes({ skillId, locale, userId, deviceId }) {
  const application = { applicationId: skillId };
  const user = { userId };

  const envelope = (request, player, session) => {
    const result = {
      version: '1.0',
      context: {
        System: {
          application,
          user,
          device: { deviceId, supportedInterfaces: { AudioPlayer: {} } },
          apiEndpoint: 'https://api.amazonalexa.com',
          apiAccessToken: 'simulator-has-no-access-token',
        },
        AudioPlayer: player,
      },
      request: { requestId: newId('amzn1.echo-api.request'), timestamp: alexaTimestamp(), locale, ...request },
    };
    if (session) {
      result.session = { new: session.new, sessionId: session.sessionId, application, user, attributes: session.attributes };
    }
    return result;
  };

  return {
    launch: (player, session) => envelope({ type: 'LaunchRequest' }, player, session),
    /** What a routine sends: a launch carrying the skill's task. */
    routineLaunch: (player, session) =>
      envelope({ type: 'LaunchRequest', task: { name: `${skillId}.StartPractice`, version: '1', input: {} } }, player, session),
    /** Alexa handing the session back after a task the skill started (a routine offer). */
    sessionResumed: (cause, player, session) => envelope({ type: 'SessionResumedRequest', cause }, player, session),
    intent: (intent, player, session) => envelope({ type: 'IntentRequest', intent }, player, session),
    audioPlayerEvent: (type, fields, player) => envelope({ type: `AudioPlayer.${type}`, ...fields }, player),
    controller: (command, player) => envelope({ type: `PlaybackController.${command}CommandIssued` }, player),
  };
}
