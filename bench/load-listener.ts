/**
 * One simulated listener for `npm run load`: an Echo that follows the skill's directives exactly
 * (REPLACE_ALL, ENQUEUE with expectedPreviousToken, Stop) on a simulated clock, plus the person
 * who launches, skips to the body scan, pauses, resumes and listens to the end. Every answer is
 * checked against what the skill must say, and the stored progress the route returns is checked
 * after every request, because the skill deliberately swallows failed writes: under load a lost
 * write would otherwise be invisible.
 */
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import { eventOrder, type ProgressEvent } from '../lambda/playback/progress';
import {
  alexaTime,
  deviceEvent,
  directivesOf,
  expectNoDirectives,
  expectPlay,
  expectShape,
  expectStop,
  intentRequest,
  launchRequest,
  LoadError,
  newSession,
  parseToken,
  sectionSlot,
  type Echo,
  type ExpectedPlay,
  type PlayerContext,
  type Token,
} from './load-envelopes';
import { DEVICE_DELAY_MS, type ListenerPlan, type Practice } from './load-plan';

export interface StoredListener {
  progress?: { variant: string; segmentId: string; offsetMs: number; state: string; nonce: string; seq: number };
  sankalpa?: unknown;
  startedCount: number;
  completedCount: number;
  lastCompletedAt?: string;
}

export interface Answer {
  response: ResponseEnvelope;
  listener: StoredListener | null;
  /** Why the route could not read the stored listener, when it says so. */
  listenerError?: string;
}

export type Send = (type: string, envelope: RequestEnvelope) => Promise<Answer>;

/** Where "skip to the body scan" must land, and the words the listener says for it. */
export const SKIP_TARGET = { spoken: 'body scan', id: 'body-scan' };
/** Alexa's AudioPlayer sends NearlyFinished about this long before an item ends (the simulator page does too). */
const NEARLY_BEFORE_END_MS = 10_000;
/** The skill's resume policy rewinds an exact resume by this much (README "Resume policy"). */
const RESUME_REWIND_MS = 10_000;

export interface ListenerOutcome {
  /** What the store must hold for this listener now. */
  expected: StoredListener;
  /** Nonce of the last listening session (the last REPLACE_ALL). */
  lastNonce: string;
}

interface Item {
  token: Token;
  startMs: number;
  beganAt: number;
  nearlySent: boolean;
}

/** Differences between what is stored and what should be, or [] when they agree exactly. */
export function storedDifferences(got: StoredListener | null, want: StoredListener | null): string[] {
  if (!want) return got ? ['a record exists before any progress was written'] : [];
  if (!got) return ['no stored record'];
  const problems: string[] = [];
  const fields = ['variant', 'segmentId', 'offsetMs', 'state', 'nonce', 'seq'] as const;
  for (const field of fields) {
    if (got.progress?.[field] !== want.progress?.[field])
      problems.push(`progress.${field} ${got.progress?.[field]} (expected ${want.progress?.[field]})`);
  }
  if (got.startedCount !== want.startedCount) problems.push(`startedCount ${got.startedCount} (expected ${want.startedCount})`);
  if (got.completedCount !== want.completedCount) problems.push(`completedCount ${got.completedCount} (expected ${want.completedCount})`);
  if (got.lastCompletedAt !== want.lastCompletedAt) problems.push(`lastCompletedAt ${got.lastCompletedAt} (expected ${want.lastCompletedAt})`);
  if (got.sankalpa !== undefined) problems.push('a sankalpa appeared');
  return problems;
}

/**
 * Plays the whole practice. Protocol errors throw (the device could not carry on); a stored place
 * that differs from what the skill must have written is reported and the listener carries on, so
 * the final read-back can still tell a late write (it lands) from a lost one.
 */
export interface ListenerHooks {
  /** A stored place unlike what the skill must have written. */
  onMismatch(problem: string): void;
  /** Waits before each request (pacing); `restart` after a pause, whose minutes or hours nobody waits out. */
  pace?(simMs: number, restart: boolean): Promise<void>;
}

export async function runListener(plan: ListenerPlan, practice: Practice, send: Send, hooks: ListenerHooks): Promise<ListenerOutcome> {
  const { order, durations } = practice;
  const last = order[order.length - 1];
  let echo: Echo = { skillId: practice.skillId, locale: practice.locale, userId: plan.userId, deviceId: plan.deviceId };
  let clock = plan.launchAtMs;
  let current: Item | undefined;
  let queue: Token[] = [];
  let stored: StoredListener | null = null;
  let lastNonce = '';
  const actions: { atMs: number; kind: 'skip' | 'pause' }[] = [{ atMs: plan.pauseAtMs, kind: 'pause' }];
  if (plan.skipAtMs !== undefined) actions.push({ atMs: plan.skipAtMs, kind: 'skip' });
  actions.sort((a, b) => a.atMs - b.atMs);

  let resumed = false;
  const post: Send = async (type, envelope) => {
    await hooks.pace?.(clock, resumed);
    resumed = false;
    return send(type, envelope);
  };

  const offsetNow = (item: Item) => item.startMs + (clock - item.beganAt);
  const playing = (item: Item, offsetMs = offsetNow(item)): PlayerContext => ({
    token: item.token.raw,
    offsetInMilliseconds: offsetMs,
    playerActivity: 'PLAYING',
  });
  const play = (label: string, answer: Answer, expected: Omit<ExpectedPlay, 'variant'>) =>
    expectPlay(label, answer.response, { ...expected, variant: practice.variant }, practice.practiceId, practice.audioBaseUrl);
  const check = (label: string, answer: Answer) => {
    const problems = answer.listenerError ? [`unreadable (${answer.listenerError})`] : storedDifferences(answer.listener, stored);
    if (problems.length) hooks.onMismatch(`${label}: stored ${problems.join('; ')}`);
  };

  /** Mirrors the write the skill must make for a progress event (each event here is newer than the last). */
  const wrote = (event: ProgressEvent, token: Token, offsetMs: number, state: string) => {
    const seq = eventOrder(alexaTime(clock), event) as number;
    const base = stored ?? { startedCount: 0, completedCount: 0 };
    stored = { ...base, progress: { variant: token.variant, segmentId: token.segmentId, offsetMs, state, nonce: token.nonce, seq } };
    // The skill counts a start when the first segment starts from its very beginning.
    if (event === 'PlaybackStarted' && token.segmentId === order[0] && offsetMs === 0) stored.startedCount += 1;
    if (event === 'PlaybackFinished') Object.assign(stored, { completedCount: stored.completedCount + 1, lastCompletedAt: alexaTime(clock) });
  };

  const deviceSends = async (type: string, token: Token, offsetMs: number, activity: PlayerContext['playerActivity']) =>
    post(type, deviceEvent(echo, clock, { token: token.raw, offsetInMilliseconds: offsetMs, playerActivity: activity }, type, token.raw, offsetMs));

  const begin = async (token: Token, startMs: number) => {
    current = { token, startMs, beganAt: clock, nearlySent: false };
    const answer = await deviceSends('PlaybackStarted', token, startMs, 'PLAYING');
    expectNoDirectives('PlaybackStarted', answer.response);
    wrote('PlaybackStarted', token, startMs, 'playing');
    check('PlaybackStarted', answer);
  };

  /** REPLACE_ALL while an item plays: the device reports where it stopped, then starts the new one in the same second. */
  const stopped = async (item: Item, offsetMs: number) => {
    const answer = await deviceSends('PlaybackStopped', item.token, offsetMs, 'STOPPED');
    expectNoDirectives('PlaybackStopped', answer.response);
    wrote('PlaybackStopped', item.token, offsetMs, 'paused');
    check('PlaybackStopped', answer);
  };

  const skip = async (item: Item) => {
    const offsetMs = offsetNow(item);
    const slots = sectionSlot(SKIP_TARGET.spoken, SKIP_TARGET.id);
    const answer = await post('SkipToSectionIntent', intentRequest(echo, clock, playing(item), newSession(), 'SkipToSectionIntent', slots));
    const token = play('SkipToSectionIntent', answer, {
      behavior: 'REPLACE_ALL',
      segmentId: SKIP_TARGET.id,
      offsetMs: 0,
      nonce: { not: item.token.nonce },
    });
    expectShape('SkipToSectionIntent', answer.response, { speech: true, endsSession: true });
    check('SkipToSectionIntent', answer);
    lastNonce = token.nonce;
    clock += DEVICE_DELAY_MS;
    await stopped(item, offsetMs);
    queue = [];
    await begin(token, 0);
  };

  const pauseAndResume = async (item: Item) => {
    const offsetMs = offsetNow(item);
    const pause = await post('AMAZON.PauseIntent', intentRequest(echo, clock, playing(item), newSession(), 'AMAZON.PauseIntent'));
    expectStop('AMAZON.PauseIntent', pause.response);
    expectShape('AMAZON.PauseIntent', pause.response, { speech: false, endsSession: false });
    check('AMAZON.PauseIntent', pause);
    clock += DEVICE_DELAY_MS;
    await stopped(item, offsetMs);
    current = undefined;
    clock = plan.resumeAtMs;
    resumed = true;
    const paused: PlayerContext = { token: item.token.raw, offsetInMilliseconds: offsetMs, playerActivity: 'STOPPED' };
    if (plan.style === 'same-echo') {
      // Minutes later on the same Echo: the exact place, rewound by the policy's ten seconds.
      const answer = await post('AMAZON.ResumeIntent', intentRequest(echo, clock, paused, newSession(), 'AMAZON.ResumeIntent'));
      const at = Math.max(0, offsetMs - RESUME_REWIND_MS);
      const token = play('AMAZON.ResumeIntent', answer, {
        behavior: 'REPLACE_ALL',
        segmentId: item.token.segmentId,
        offsetMs: at,
        nonce: { not: item.token.nonce },
      });
      expectShape('AMAZON.ResumeIntent', answer.response, { speech: false, endsSession: true });
      check('AMAZON.ResumeIntent', answer);
      lastNonce = token.nonce;
      clock += DEVICE_DELAY_MS;
      queue = [];
      return begin(token, at);
    }
    // The next morning on another Echo, which has never played: offered the start of the part they were in.
    echo = { ...echo, deviceId: plan.otherDeviceId };
    queue = [];
    const session = newSession();
    const offer = await post('LaunchRequest (resume offer)', launchRequest(echo, clock, { playerActivity: 'IDLE' }, session));
    const early = directivesOf(offer.response)[0];
    if (early) {
      const what =
        early.type === 'AudioPlayer.Play' ? `played ${parseToken(early.audioItem?.stream?.token, practice.practiceId).segmentId}` : early.type;
      throw new LoadError(`LaunchRequest (resume offer): ${what} instead of offering ${item.token.segmentId} (the paused place was not found)`);
    }
    expectShape('LaunchRequest (resume offer)', offer.response, { speech: true, reprompt: true, endsSession: false });
    const attributes = offer.response.sessionAttributes ?? {};
    const offered = attributes.resumeOffer as { segmentId?: string; offsetMs?: number } | undefined;
    if (offered?.segmentId !== item.token.segmentId || offered.offsetMs !== 0) {
      throw new LoadError(`LaunchRequest (resume offer): offered ${offered?.segmentId}@${offered?.offsetMs}, expected ${item.token.segmentId}@0`);
    }
    check('LaunchRequest (resume offer)', offer);
    clock += 4_000;
    const yes = await post(
      'AMAZON.YesIntent',
      intentRequest(echo, clock, { playerActivity: 'IDLE' }, { ...session, new: false, attributes }, 'AMAZON.YesIntent'),
    );
    const token = play('AMAZON.YesIntent', yes, {
      behavior: 'REPLACE_ALL',
      segmentId: item.token.segmentId,
      offsetMs: 0,
      nonce: { not: item.token.nonce },
    });
    expectShape('AMAZON.YesIntent', yes.response, { speech: true, endsSession: true });
    check('AMAZON.YesIntent', yes);
    lastNonce = token.nonce;
    clock += DEVICE_DELAY_MS;
    await begin(token, 0);
    actions.push({ atMs: clock + (plan.skipAfterResumeMs ?? 0), kind: 'skip' });
  };

  const nearlyFinished = async (item: Item, offsetMs: number) => {
    item.nearlySent = true;
    const answer = await deviceSends('PlaybackNearlyFinished', item.token, offsetMs, 'PLAYING');
    const index = order.indexOf(item.token.segmentId);
    if (item.token.segmentId === last) expectNoDirectives('PlaybackNearlyFinished (last item)', answer.response);
    else {
      const previous = queue.length ? queue[queue.length - 1].raw : item.token.raw;
      const next = play('PlaybackNearlyFinished', answer, {
        behavior: 'ENQUEUE',
        segmentId: order[index + 1],
        offsetMs: 0,
        nonce: { same: item.token.nonce },
        expectedPreviousToken: previous,
      });
      if (answer.response.response?.outputSpeech) throw new LoadError('PlaybackNearlyFinished: speech');
      queue.push(next);
    }
    check('PlaybackNearlyFinished', answer);
  };

  /** True when the practice is over. */
  const finished = async (item: Item, offsetMs: number): Promise<boolean> => {
    const answer = await deviceSends('PlaybackFinished', item.token, offsetMs, 'FINISHED');
    expectNoDirectives('PlaybackFinished', answer.response);
    const next = queue.shift();
    if (!next && item.token.segmentId !== last) throw new LoadError(`PlaybackFinished: nothing queued after ${item.token.segmentId}`);
    if (!next) wrote('PlaybackFinished', item.token, offsetMs, 'completed');
    check('PlaybackFinished', answer);
    if (next) await begin(next, 0);
    return !next;
  };

  const launch = await post('LaunchRequest', launchRequest(echo, clock, { playerActivity: 'IDLE' }, newSession()));
  const first = play('LaunchRequest', launch, { behavior: 'REPLACE_ALL', segmentId: order[0], offsetMs: 0, nonce: { not: undefined } });
  expectShape('LaunchRequest', launch.response, { speech: true, endsSession: true });
  check('LaunchRequest', launch);
  lastNonce = first.nonce;
  clock += DEVICE_DELAY_MS;
  await begin(first, 0);

  for (;;) {
    const item = current as Item;
    const durationMs = durations[item.token.segmentId];
    const nearlyOffset = Math.max(item.startMs, durationMs - NEARLY_BEFORE_END_MS);
    const nextOffset = item.nearlySent ? durationMs : nearlyOffset;
    const nextAt = item.beganAt + (nextOffset - item.startMs);
    const action = actions[0];
    if (action && action.atMs < nextAt) {
      actions.shift();
      clock = Math.max(clock, action.atMs);
      await (action.kind === 'skip' ? skip(item) : pauseAndResume(item));
      continue;
    }
    clock = nextAt;
    if (!item.nearlySent) await nearlyFinished(item, nearlyOffset);
    else if (await finished(item, durationMs)) break;
  }
  if (actions.length) throw new LoadError(`the practice ended before the listener's ${actions[0].kind}`);
  const final = stored as StoredListener | null;
  const problems = [
    final?.progress?.state !== 'completed' && 'not completed',
    final?.progress?.segmentId !== last && 'not at the last segment',
    final?.progress?.nonce !== lastNonce && "not the last session's nonce",
    (final?.startedCount !== 1 || final?.completedCount !== 1) && 'counts are not 1 and 1',
  ].filter(Boolean);
  // The model above and the plan must agree with the brief's own expectations, or the load test itself is wrong.
  if (problems.length || !final) throw new LoadError(`load model inconsistent: ${problems.join(', ')}`);
  return { expected: final, lastNonce };
}
