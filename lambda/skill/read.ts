/**
 * The read step: the facts a decision needs, gathered from the request and, where a handler asks
 * for them, the store and the listener's clock. A slow or failing store never blocks the practice:
 * its facts are simply absent.
 */
import type { HandlerInput } from 'ask-sdk-core';
import type { Dialog } from '../core/dialog';
import { DIALOG_KEY } from '../core/dialog';
import { speakableSankalpa } from '../core/places';
import type { DevicePlace, Facts } from '../core/types';
import { hasRemindersPermission } from '../alexa/reminders';
import { makeClipWithin } from '../sankalpa/clips';
import type { ListenerRecord } from '../store/types';
import { contextOf } from './context';
import type { SkillDeps } from './deps';
import { localClock } from './local-clock';
import { decode } from './player';

export interface Needs {
  /** The stored listener; 'with-clip' also retries a sankalpa clip that could not be made before. */
  record?: boolean | 'with-clip';
  /** The local hour and zone (Alexa's Settings API, at most once per request). */
  clock?: boolean;
}

export async function readFacts(deps: SkillDeps, input: HandlerInput, needs: Needs = {}): Promise<Facts> {
  const context = contextOf(input);
  const loading = needs.record ? loadListener(deps, input) : undefined;
  // With the record in hand, the device's remembered zone comes with it (no Settings API call).
  const clocking = needs.clock ? (loading ? loading.then((loaded) => localClock(deps, input, loaded)) : localClock(deps, input)) : undefined;
  const [record, clock] = await Promise.all([
    loading?.then((loaded) => (needs.record === 'with-clip' ? withClipReady(deps, input, loaded) : loaded)),
    clocking,
  ]);
  return {
    catalog: deps.catalog,
    record,
    device: devicePlace(deps, input),
    person: context.person,
    hour: clock?.hour ?? 12,
    zone: clock?.zone ?? 'UTC',
    nowMs: context.nowMs,
    timestamp: input.requestEnvelope.request.timestamp,
    canPlay: Boolean((input.requestEnvelope.context?.System?.device?.supportedInterfaces as Record<string, unknown> | undefined)?.AudioPlayer),
    locale: input.requestEnvelope.request.locale,
    skillId: deps.skillId ?? input.requestEnvelope.context?.System?.application?.applicationId,
    remindersGranted: hasRemindersPermission(input.requestEnvelope),
    dialog: dialogOf(input),
  };
}

/** The open question, as the session-attributes interceptor let it through. */
export function dialogOf(input: HandlerInput): Dialog | undefined {
  return input.requestEnvelope.session ? (input.attributesManager.getSessionAttributes()[DIALOG_KEY] as Dialog | undefined) : undefined;
}

/** What the device says it is playing (or last played), when that is something this skill issued. */
export function devicePlace(deps: SkillDeps, input: HandlerInput): DevicePlace | undefined {
  const player = input.requestEnvelope.context?.AudioPlayer;
  const state = decode(deps, player?.token);
  if (!player || !state) return undefined;
  const offsetMs = Number.isFinite(player.offsetInMilliseconds) ? Math.max(0, Number(player.offsetInMilliseconds)) : 0;
  return { ...state, offsetMs, activity: player.playerActivity };
}

async function loadListener(deps: SkillDeps, input: HandlerInput): Promise<ListenerRecord | undefined> {
  const { listenerKey, log } = contextOf(input);
  try {
    return await deps.store.load(listenerKey);
  } catch (error) {
    log.warn('listener read failed; carrying on without it', { error: String(error) });
    deps.log.metric?.('Error.ListenerRead', 'all');
    return undefined;
  }
}

/**
 * A sankalpa saved while its clip could not be made gets another chance at launch, within the
 * same small budget; failing again, the practice simply plays without it.
 */
async function withClipReady(deps: SkillDeps, input: HandlerInput, record: ListenerRecord | undefined): Promise<ListenerRecord | undefined> {
  const sankalpa = speakableSankalpa(record);
  if (!record || !sankalpa || sankalpa.clipKey || !deps.clips) return record;
  const { listenerKey, log } = contextOf(input);
  try {
    const clipKey = await makeClipWithin(deps.clips, sankalpa.text, deps.clipBudgetMs);
    if (!clipKey) return record;
    await deps.store.setSankalpa(listenerKey, { ...sankalpa, clipKey });
    return { ...record, sankalpa: { ...sankalpa, clipKey } };
  } catch (error) {
    log.warn('sankalpa clip still not made', { error: String(error) });
    return record;
  }
}
