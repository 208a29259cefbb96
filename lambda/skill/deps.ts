import type { RequestEnvelope } from 'ask-sdk-model';
import type { Catalog } from '../playback/catalog';
import type { ClipMaker } from '../sankalpa/clips';
import type { ListenerStore } from '../store/types';
import type { ZoneHandoff } from './device-zone';
import type { MetricName } from './metrics';

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** Counts one practice metric (skill/metrics.ts) for a variant; loggers without it count nothing. */
  metric?(name: MetricName, variant: string, value?: number): void;
}

/** Everything a handler may touch, passed in so tests run the real skill against dynalite. */
export interface SkillDeps {
  catalog: Catalog;
  store: ListenerStore;
  /** https base for practice audio; every stream URL starts with it. */
  audioBaseUrl: string;
  skillId?: string;
  now: () => number;
  newNonce: () => string;
  log: Logger;
  /** Renders and stores personal sankalpa clips; without it the practice plays without them. */
  clips?: ClipMaker;
  /** How long a request may wait for a clip before going on without it. */
  clipBudgetMs?: number;
  /** The device's time zone; by default Alexa's Settings API (tests fake it at the HTTP boundary instead). */
  timeZoneOf?: (envelope: RequestEnvelope) => Promise<{ zone: string }>;
  /** Device time zones a Launch learned, for the listener's next progress write (createSkill makes one). */
  zoneHandoff?: ZoneHandoff;
  /** How long any one store call may take before the request goes on without it (default 700 ms). */
  storeBudgetMs?: number;
}
