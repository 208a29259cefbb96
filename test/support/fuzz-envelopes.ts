/**
 * Generated and mutated Alexa request envelopes for the fuzz test: every request type the skill
 * answers and some it does not, valid and forged tokens, wrong types, huge strings, absurd offsets,
 * unknown locales, and session attributes a client could have tampered with.
 */
import fc from 'fast-check';
import { BUILT_IN_INTENT_NAMES, CUSTOM_INTENT_NAMES } from '../../models/intents';
import type { Catalog } from '../../lambda/playback/catalog';
import { encodeToken } from '../../lambda/playback/token';
import { envelope, type DevicePlayer } from '../../testkit/envelopes';

export const FUZZ_USERS = ['amzn1.ask.account.FUZZ-A', 'amzn1.ask.account.FUZZ-B', 'amzn1.ask.account.FUZZ-C'];

/** Every intent the model declares (the registry), and two it does not. */
const INTENTS = [...CUSTOM_INTENT_NAMES, ...BUILT_IN_INTENT_NAMES, 'UnknownIntent', ''];

const REQUEST_TYPES = [
  'LaunchRequest',
  'IntentRequest',
  'SessionEndedRequest',
  'AudioPlayer.PlaybackStarted',
  'AudioPlayer.PlaybackNearlyFinished',
  'AudioPlayer.PlaybackFinished',
  'AudioPlayer.PlaybackStopped',
  'AudioPlayer.PlaybackFailed',
  'PlaybackController.PlayCommandIssued',
  'PlaybackController.PauseCommandIssued',
  'PlaybackController.NextCommandIssued',
  'PlaybackController.PreviousCommandIssued',
  'System.ExceptionEncountered',
  'AlexaSkillEvent.SkillDisabled',
  'Connections.Response',
  'Alexa.Presentation.APL.UserEvent',
  'CanFulfillIntentRequest',
  'Made.Up.Request',
];

const hugeString = fc.integer({ min: 1_000, max: 200_000 }).map((length) => 'x<&'.repeat(Math.ceil(length / 3)).slice(0, length));
/** Text a listener might say, or an attacker might send: markup, entities, quotes, unicode, nothing. */
const hostileText = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.constantFrom('<speak>hi</speak>', '"/><audio src="https://evil.example/x.mp3"/>', '&amp; &lt;', "it's <b>", '</speak><speak>', 'i am calm'),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  hugeString,
);
const weirdValue = fc.oneof(
  fc.anything({ maxDepth: 2 }),
  hostileText,
  fc.constant(null),
  fc.constant(undefined),
  fc.double(),
  fc.bigInt().map(String),
);
const offset = fc.oneof(
  fc.integer({ min: 0, max: 4_000_000 }),
  fc.constantFrom(-1, -99_999, Number.MAX_SAFE_INTEGER, 1e308, 2 ** 53 + 1, 0.5),
  weirdValue,
);
const timestamp = fc.oneof(
  fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((date) => date.toISOString()),
  fc.constantFrom('', 'yesterday', '2026-13-45T99:99:99Z', '0', '+275760-09-13T00:00:00.000Z'),
  weirdValue,
);
const locale = fc.oneof(fc.constantFrom('en-US', 'en-GB', 'en-IN', 'de-DE', 'ja-JP', 'xx-YY', ''), weirdValue);

function tokens(catalog: Catalog) {
  const segments = Object.keys(catalog.segments);
  const variants = Object.keys(catalog.variants);
  const valid = fc
    .record({
      variant: fc.constantFrom(...variants),
      segmentId: fc.constantFrom(...segments, 'sankalpa-personal', 'closing-sankalpa-personal'),
      nonce: fc.stringMatching(/^[a-z0-9]{8}$/),
      attempt: fc.constantFrom(0 as const, 1 as const),
      clip: fc.oneof(fc.constant(''), fc.stringMatching(/^[a-f0-9]{16}$/)),
    })
    .map((state) => encodeToken(catalog, state));
  const forged = valid.chain((token) =>
    fc.oneof(
      fc.nat({ max: token.length }).map((cut) => token.slice(0, cut)),
      fc.tuple(fc.nat({ max: 6 }), hostileText).map(([field, text]) =>
        token
          .split('|')
          .map((part, i) => (i === field ? text : part))
          .join('|'),
      ),
      fc.constant(`${token}|extra`),
      fc.constant(token.replace('spine-nidra', 'other-skill')),
      fc.constant(token.replace(/\|[a-z0-9-]+\|[a-z0-9]{8}\|/, '|../../etc/passwd|aaaaaaaa|')),
    ),
  );
  return fc.oneof({ weight: 3, arbitrary: valid }, { weight: 2, arbitrary: forged }, { weight: 1, arbitrary: weirdValue });
}

function slots() {
  const slot = (name: string) =>
    fc.record(
      {
        name: fc.constant(name),
        value: hostileText,
        confirmationStatus: fc.constantFrom('NONE', 'CONFIRMED'),
        resolutions: fc.oneof(
          fc.constant(undefined),
          fc.record({
            resolutionsPerAuthority: fc.array(
              fc.record({
                authority: fc.constant('amzn1.er-authority.echo-sdk.SECTION'),
                status: fc.record({ code: fc.constantFrom('ER_SUCCESS_MATCH', 'ER_SUCCESS_NO_MATCH', 'weird') }),
                values: fc.array(
                  fc.record({ value: fc.record({ name: hostileText, id: fc.oneof(fc.constantFrom('body-scan', 'rest', '2', '9'), hostileText) }) }),
                  { maxLength: 2 },
                ),
              }),
              { maxLength: 2 },
            ),
          }),
          weirdValue,
        ),
      },
      { requiredKeys: ['name'] },
    );
  return fc.record({ section: slot('section'), phrase: slot('phrase'), choice: slot('choice') }, { requiredKeys: [] });
}

/** Session attributes as the skill writes them, and as a tampered client might send them back. */
function sessionAttributes(catalog: Catalog) {
  const segments = Object.keys(catalog.segments);
  const place = fc.record({
    variant: fc.oneof(fc.constantFrom(...Object.keys(catalog.variants)), hostileText),
    segmentId: fc.oneof(fc.constantFrom(...segments), hostileText),
    offsetMs: offset,
    clip: fc.oneof(fc.constant(''), hostileText),
    nonce: fc.oneof(fc.stringMatching(/^[a-z0-9]{8}$/), hostileText),
    attempt: fc.oneof(fc.constantFrom(0, 1), weirdValue),
  });
  const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.oneof(arbitrary, weirdValue);
  const resume = fc.option(maybe(place), { nil: undefined });
  // The one dialog (lambda/core/dialog.ts) in every shape the skill writes, each part possibly tampered.
  const dialog = fc.oneof(
    fc.record({ kind: fc.constant('resume-offer'), place: maybe(place) }),
    fc.record({ kind: fc.constant('sankalpa-phrase'), misses: maybe(fc.nat({ max: 3 })), resume }),
    fc.record({ kind: fc.constant('sankalpa-confirm'), text: hostileText, misses: maybe(fc.nat({ max: 3 })), resume }),
    fc.record({ kind: fc.constant('sankalpa-clear'), text: hostileText, resume }),
    fc.record({ kind: fc.constant('sankalpa-ideas'), ideas: maybe(fc.array(hostileText, { minLength: 2, maxLength: 4 })), resume }),
    fc.record({ kind: fc.constant('forget'), resume }),
    fc.record({
      kind: fc.constant('bedtime-offer'),
      offer: maybe(
        fc.record({
          hour: fc.integer({ min: -1, max: 25 }),
          minute: fc.constantFrom(0, 5, 33),
          zone: fc.constantFrom('America/New_York', 'Mars/Base', ''),
        }),
      ),
    }),
    fc.record({ kind: hostileText }),
  );
  return fc.oneof(
    fc.constant({}),
    fc.record({ dialog: maybe(dialog.chain((d) => fc.record({ reasked: fc.constantFrom(undefined, true, 'yes') }).map((r) => ({ ...d, ...r })))) }),
    fc.dictionary(fc.string({ maxLength: 10 }), weirdValue, { maxKeys: 3 }),
  );
}

/** A well-formed envelope of any request type, for one of the fuzz listeners. */
export function envelopes(catalog: Catalog) {
  const token = tokens(catalog);
  return fc
    .record({
      type: fc.constantFrom(...REQUEST_TYPES),
      intent: fc.constantFrom(...INTENTS),
      userId: fc.constantFrom(...FUZZ_USERS),
      token,
      offset,
      timestamp,
      locale,
      slots: slots(),
      attributes: sessionAttributes(catalog),
      player: fc.option(
        fc.record({
          token,
          offsetInMilliseconds: offset,
          playerActivity: fc.constantFrom('PLAYING', 'PAUSED', 'STOPPED', 'FINISHED', 'IDLE', 'BUFFER_UNDERRUN', 'NOPE'),
        }),
      ),
      withSession: fc.boolean(),
      personId: fc.option(fc.constantFrom('amzn1.ask.person.FUZZ-P', 'amzn1.ask.person.FUZZ-Q', '"/><x y="', ''.padEnd(300, 'p'))),
      error: fc.record({ type: hostileText, message: hostileText }),
      // Echos, Echo Shows, devices and apps without AudioPlayer, and old Display-only screens.
      interfaces: fc.constantFrom<Record<string, unknown>>(
        { AudioPlayer: {} },
        {},
        { AudioPlayer: {}, 'Alexa.Presentation.APL': {} },
        { Display: {} },
      ),
    })
    .map((parts) => {
      // Hostile timestamps and locales go straight into the request, past the builder's types.
      const request: Record<string, unknown> = { type: parts.type, timestamp: parts.timestamp, locale: parts.locale };
      if (parts.type === 'IntentRequest' || parts.type === 'CanFulfillIntentRequest')
        request.intent = { name: parts.intent, confirmationStatus: 'NONE', slots: parts.slots };
      if (parts.type.startsWith('AudioPlayer.')) Object.assign(request, { token: parts.token, offsetInMilliseconds: parts.offset });
      if (parts.type === 'AudioPlayer.PlaybackFailed') {
        Object.assign(request, { error: parts.error, currentPlaybackState: parts.player ?? undefined });
      }
      if (parts.type === 'AlexaSkillEvent.SkillDisabled') request.body = { userId: parts.userId, userInformationPersistenceStatus: 'PERSISTED' };
      const sessionful = parts.type === 'LaunchRequest' || parts.type === 'IntentRequest' || parts.type === 'SessionEndedRequest';
      const built = envelope(
        request,
        {
          userId: parts.userId,
          deviceId: 'amzn1.ask.device.FUZZ',
          requestId: 'amzn1.echo-api.request.fuzz',
          personId: parts.personId ?? undefined,
          player: (parts.player ?? undefined) as DevicePlayer | undefined,
          api: false,
          supportedInterfaces: parts.interfaces,
          session: { new: false, sessionId: 'amzn1.echo-api.session.fuzz', attributes: parts.attributes },
        },
        sessionful && parts.withSession,
      );
      return built as unknown as Record<string, unknown>;
    });
}

type Mutation = { path: string[]; value: unknown; remove: boolean };

/** Paths worth breaking: the ones handlers read. */
const PATHS = [
  ['request'],
  ['request', 'type'],
  ['request', 'intent'],
  ['request', 'intent', 'name'],
  ['request', 'intent', 'slots'],
  ['request', 'token'],
  ['request', 'offsetInMilliseconds'],
  ['request', 'timestamp'],
  ['request', 'locale'],
  ['request', 'currentPlaybackState'],
  ['request', 'body'],
  ['context'],
  ['context', 'System'],
  ['context', 'System', 'user'],
  ['context', 'System', 'user', 'userId'],
  ['context', 'System', 'application', 'applicationId'],
  ['context', 'AudioPlayer'],
  ['context', 'AudioPlayer', 'token'],
  ['context', 'AudioPlayer', 'offsetInMilliseconds'],
  ['session'],
  ['session', 'attributes'],
  ['session', 'user', 'userId'],
  ['session', 'application', 'applicationId'],
  ['session', 'new'],
  ['version'],
  ['extra'],
];

const mutation = fc.record({ path: fc.constantFrom(...PATHS), value: weirdValue, remove: fc.boolean() });

function mutate(envelope: Record<string, unknown>, mutations: Mutation[]): Record<string, unknown> {
  const copy = structuredClone(envelope);
  for (const { path, value, remove } of mutations) {
    let node: Record<string, unknown> = copy;
    for (const key of path.slice(0, -1)) {
      if (!node[key] || typeof node[key] !== 'object') node[key] = {};
      node = node[key] as Record<string, unknown>;
    }
    const last = path[path.length - 1];
    if (remove) delete node[last];
    else node[last] = value;
  }
  return copy;
}

/** Mostly well-formed envelopes, a third of them broken in up to three places. */
export function fuzzEnvelopes(catalog: Catalog) {
  return fc.oneof(
    { weight: 40, arbitrary: envelopes(catalog) },
    {
      weight: 20,
      arbitrary: fc
        .tuple(envelopes(catalog), fc.array(mutation, { minLength: 1, maxLength: 3 }))
        .map(([envelope, changes]) => mutate(envelope, changes)),
    },
    { weight: 1, arbitrary: weirdValue },
  );
}
