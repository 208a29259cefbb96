/** Reads of the listener's stored state that a handler can afford to lose: a slow store never blocks the practice. */
import type { HandlerInput } from 'ask-sdk-core';
import { isPlayable } from '../playback/plan';
import { variantFor } from '../playback/preferences';
import { resumePoint, type Progress } from '../playback/progress';
import { makeClipWithin } from '../sankalpa/clips';
import type { ListenerRecord } from '../store/types';
import type { SkillDeps } from './deps';
import { accountKey, listenerKey, logId, personOf } from './listener';
import { localClock } from './local-clock';
import { devicePosition, playFromTheTop, startAt, type Position } from './player';

export async function loadListener(deps: SkillDeps, input: HandlerInput): Promise<ListenerRecord | undefined> {
  const key = listenerKey(input.requestEnvelope);
  try {
    return await deps.store.load(key);
  } catch (error) {
    deps.log.warn('listener read failed; carrying on without it', { listener: logId(key), error: String(error) });
    deps.log.metric?.('Error.ListenerRead', 'all');
    return undefined;
  }
}

/**
 * A recognised voice's item is listed on the account's item, so erasing the account (the skill
 * disabled) reaches it. Idempotent; a failure only means that listing waits for the next launch.
 */
export async function registerPerson(deps: SkillDeps, input: HandlerInput): Promise<void> {
  const envelope = input.requestEnvelope;
  if (!personOf(envelope)) return;
  try {
    await deps.store.addPerson(accountKey(envelope), listenerKey(envelope));
  } catch (error) {
    deps.log.warn('person not listed on the account', { listener: logId(listenerKey(envelope)), error: String(error) });
  }
}

/**
 * A sankalpa saved while its clip could not be made gets another chance at launch, within the
 * same small budget; failing again, the practice simply plays without it.
 */
export async function withClipReady(
  deps: SkillDeps,
  input: HandlerInput,
  record: ListenerRecord | undefined,
): Promise<ListenerRecord | undefined> {
  const sankalpa = record?.sankalpa;
  if (!record || !sankalpa || sankalpa.clipKey || !deps.clips) return record;
  const key = listenerKey(input.requestEnvelope);
  try {
    const clipKey = await makeClipWithin(deps.clips, sankalpa.text, deps.clipBudgetMs);
    if (!clipKey) return record;
    await deps.store.setSankalpa(key, { ...sankalpa, clipKey });
    return { ...record, sankalpa: { ...sankalpa, clipKey } };
  } catch (error) {
    deps.log.warn('sankalpa clip still not made', { listener: logId(key), error: String(error) });
    return record;
  }
}

/** The listener's personal clip key, when they have a sankalpa with a rendered clip. */
export function clipOf(record: ListenerRecord | undefined): string {
  return record?.sankalpa?.clipKey ?? '';
}

/**
 * Where "resume" picks up. The device's own place wins when it belongs to the listening session
 * the store last heard from (it is the freshest); if the store heard from a newer session (another
 * Echo), the store wins. Either way the resume policy decides the exact offset.
 */
export function resumePosition(deps: SkillDeps, input: HandlerInput, record: ListenerRecord | undefined): Position | undefined {
  const device = devicePosition(deps, input);
  const stored = record?.progress;
  let progress: Progress | undefined = stored;
  const fromDevice = device !== undefined && (!stored || stored.nonce === device.nonce);
  if (device && fromDevice) {
    progress = {
      variant: device.variant,
      segmentId: device.segmentId,
      offsetMs: device.offsetMs,
      state: stored?.state ?? 'paused',
      nonce: device.nonce,
      seq: stored?.seq ?? deps.now() * 10,
    };
  }
  const point = resumePoint(deps.catalog, progress, deps.now());
  const person = fromDevice && device.person ? { person: device.person } : {};
  return point && { ...startAt(deps, point.variant, point.segmentId, clipOf(record), point.offsetMs), ...person };
}

/** The stored place to carry on from, or undefined when there is none (or it is finished). */
export function storedPosition(deps: SkillDeps, record: ListenerRecord | undefined): Position | undefined {
  const progress = record?.progress;
  if (!progress || progress.state === 'completed') return undefined;
  if (!isPlayable(deps.catalog, progress.variant, progress.segmentId)) return undefined;
  return startAt(deps, progress.variant, progress.segmentId, clipOf(record), progress.offsetMs);
}

/** Where the listener is now: the device's place, else the stored one (one read), else nowhere. */
export async function currentPosition(deps: SkillDeps, input: HandlerInput): Promise<Position | undefined> {
  return devicePosition(deps, input) ?? storedPosition(deps, await loadListener(deps, input));
}

/** The variant a fresh practice plays for this listener now: their choices, and the clock for the ending. */
export async function preferredVariant(deps: SkillDeps, input: HandlerInput, record: ListenerRecord | undefined): Promise<string> {
  return variantFor(deps.catalog, record?.preferences, (await localClock(deps, input)).hour);
}

/** A fresh run from the top, as this listener has chosen to hear it, optionally after a sentence. */
export async function startFresh(
  deps: SkillDeps,
  input: HandlerInput,
  record: ListenerRecord | undefined,
  speech?: string,
  clip = clipOf(record),
): Promise<void> {
  playFromTheTop(deps, input, clip, speech, await preferredVariant(deps, input, record));
}
