import type { Progress } from '../playback/progress';

export interface SankalpaRecord {
  text: string;
  /** ISO time it was set. */
  setAt: string;
  /** Content key of the rendered personal clip, once it exists. */
  clipKey?: string;
}

export interface ListenerRecord {
  progress?: Progress;
  sankalpa?: SankalpaRecord;
  startedCount: number;
  completedCount: number;
  lastCompletedAt?: string;
}

export type SaveOutcome = 'saved' | 'stale';

export interface ProgressExtras {
  /** This event began a fresh run through the practice. */
  countStart?: boolean;
  /** This event finished the practice, at this ISO time. */
  completedAt?: string;
}

/** Everything the skill keeps about a listener, behind one narrow interface. */
export interface ListenerStore {
  load(listenerKey: string): Promise<ListenerRecord | undefined>;
  /** Writes only when `progress.seq` is newer than what is stored; an older event is 'stale'. */
  saveProgress(listenerKey: string, progress: Progress, extras?: ProgressExtras): Promise<SaveOutcome>;
  setSankalpa(listenerKey: string, sankalpa: SankalpaRecord): Promise<void>;
  clearSankalpa(listenerKey: string): Promise<void>;
}
