/**
 * The listener table's logic, once, over any transport: the keys, the update expressions, the
 * condition that keeps the newest progress, and the mapping from item to record. The Lambda's
 * wire client (wire.ts) and the AWS SDK adapter (dynamo-store.ts, tests and tools only) each
 * provide the three item calls; nothing here imports a DynamoDB client (only its types, which
 * vanish at build time), so the shipped bundle carries none.
 */
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { sameSecond, type Progress } from '../playback/progress';
import type { BedtimeOffer, DeviceZone, ListenerRecord, ListenerStore, Preferences, ProgressExtras, SankalpaRecord, SaveOutcome } from './types';

/** An attribute in DynamoDB's own JSON, as marshall makes it and the wire carries it. */
export type AttributeValue =
  | { S: string }
  | { N: string }
  | { BOOL: boolean }
  | { NULL: true }
  | { M: Record<string, AttributeValue> }
  | { L: AttributeValue[] }
  | { SS: string[] }
  | { NS: string[] }
  | { B: Uint8Array }
  | { BS: Uint8Array[] };

type Item = Record<string, AttributeValue>;

/** Late AudioPlayer events arrive within seconds; a day is ample, then DynamoDB's TTL removes the marker. */
const FORGOTTEN_MARKER_TTL_SEC = 86_400;
/** Any write of listener data after an erasure takes the marker's expiry off, or TTL would delete it. */
const REVIVES = 'expiresAt';

/**
 * The two DynamoDB operations the store uses, in DynamoDB's own JSON. The AWS SDK client provides
 * them for tests and the local server; the Lambda uses its lean wire client (wire.ts), which loads
 * far faster on a cold start. Either way the logic below is the same.
 */
export interface ItemCalls {
  getItem(input: { TableName: string; Key: Item }): Promise<{ Item?: Item }>;
  updateItem(input: {
    TableName: string;
    Key: Item;
    UpdateExpression: string;
    ConditionExpression?: string;
    ExpressionAttributeNames?: Record<string, string>;
    ExpressionAttributeValues?: Item;
  }): Promise<unknown>;
  putItem(input: { TableName: string; Item: Item }): Promise<unknown>;
}

const toItem = (values: Record<string, unknown>): Item => marshall(values, { removeUndefinedValues: true }) as Item;

/**
 * One item per listener, keyed by `pk`. Every write is a targeted UpdateItem, so a progress
 * event never clobbers the sankalpa and the other way round.
 */
export function createItemStore(calls: ItemCalls, tableName: string): ListenerStore {
  const key = (listenerKey: string) => toItem({ pk: listenerKey });
  /** One top-level attribute replaced, the rest of the item untouched. */
  const setAttribute = (listenerKey: string, name: 'sankalpa' | 'preferences' | 'bedtimeOffer', value: object) =>
    calls.updateItem({
      TableName: tableName,
      Key: key(listenerKey),
      UpdateExpression: `SET ${name} = :value REMOVE ${REVIVES}`,
      ExpressionAttributeValues: toItem({ ':value': value }),
    });

  return {
    async load(listenerKey) {
      const { Item } = await calls.getItem({ TableName: tableName, Key: key(listenerKey) });
      return Item ? toRecord(unmarshall(Item)) : undefined;
    },

    async saveProgress(listenerKey, progress, extras = {}) {
      const { set, add, values, names } = progressUpdate(progress, extras);
      const condition = newerThanStored(progress);
      const allNames = { ...condition.ExpressionAttributeNames, ...names };
      try {
        await calls.updateItem({
          TableName: tableName,
          Key: key(listenerKey),
          UpdateExpression: `SET ${set.join(', ')}${add.length ? ` ADD ${add.join(', ')}` : ''} REMOVE ${REVIVES}`,
          ConditionExpression: condition.ConditionExpression,
          ...(Object.keys(allNames).length ? { ExpressionAttributeNames: allNames } : {}),
          ExpressionAttributeValues: toItem(values),
        });
        return 'saved' satisfies SaveOutcome;
      } catch (error) {
        // Both clients name the error after DynamoDB's error type.
        if ((error as Error | undefined)?.name === 'ConditionalCheckFailedException') return 'stale';
        throw error;
      }
    },

    async setSankalpa(listenerKey, sankalpa) {
      await setAttribute(listenerKey, 'sankalpa', sankalpa);
    },

    async clearSankalpa(listenerKey) {
      await calls.updateItem({ TableName: tableName, Key: key(listenerKey), UpdateExpression: 'REMOVE sankalpa' });
    },

    async setPreferences(listenerKey, preferences) {
      await setAttribute(listenerKey, 'preferences', preferences);
    },

    async recordBedtimeOffer(listenerKey, offer) {
      await setAttribute(listenerKey, 'bedtimeOffer', offer);
    },

    async addPerson(accountKey, personKey) {
      await calls.updateItem({
        TableName: tableName,
        Key: key(accountKey),
        UpdateExpression: `ADD people :person REMOVE ${REVIVES}`,
        ExpressionAttributeValues: { ':person': { SS: [personKey] } },
      });
    },

    async forget(listenerKey, asOfSeq) {
      // A whole-item put, so attributes added later are erased too, without listing them here.
      const expiresAt = Math.floor(asOfSeq / 10 / 1000) + FORGOTTEN_MARKER_TTL_SEC;
      await calls.putItem({ TableName: tableName, Item: toItem({ pk: listenerKey, progressSeq: asOfSeq, expiresAt }) });
    },
  };
}

/**
 * `supersedes` (playback/progress.ts) as a condition on the stored item: a flat OR of plain
 * clauses, because nested NOTs and parentheses make dynalite's expression parser slow (a
 * tenth of a second per write), and DynamoDB evaluates either form the same.
 */
function newerThanStored(progress: Progress) {
  const thisSecond = 'progressSeq BETWEEN :sameSecond AND :secondEnd';
  const sameItem = 'progress.nonce = :nonce AND progress.segmentId = :segment';
  const clauses = [
    'attribute_not_exists(progressSeq)',
    'progressSeq < :sameSecond',
    `${thisSecond} AND progressSeq < :seq AND attribute_not_exists(progress)`,
    `${thisSecond} AND progressSeq < :seq AND progress.nonce <> :nonce`,
    `${thisSecond} AND progressSeq < :seq AND progress.segmentId <> :segment`,
    `${thisSecond} AND ${sameItem} AND progress.offsetMs < :offset`,
  ];
  // Only a non-Started event can follow its own PlaybackStarted at the very same offset.
  if (progress.state !== 'playing') {
    clauses.push(
      `${thisSecond} AND ${sameItem} AND progress.offsetMs = :offset AND progress.#state = :playing`,
      `${thisSecond} AND ${sameItem} AND progress.offsetMs = :offset AND progressSeq < :seq`,
    );
  }
  return {
    ConditionExpression: clauses.map((clause) => `(${clause})`).join(' OR '),
    ...(progress.state === 'playing' ? {} : { ExpressionAttributeNames: { '#state': 'state' } }),
  };
}

function progressUpdate(progress: Progress, extras: ProgressExtras) {
  const set = ['progress = :progress', 'progressSeq = :seq'];
  const add: string[] = [];
  const values: Record<string, unknown> = {
    ':progress': progress,
    ':seq': progress.seq,
    ':sameSecond': sameSecond(progress.seq).first,
    ':secondEnd': sameSecond(progress.seq).last,
    ':nonce': progress.nonce,
    ':segment': progress.segmentId,
    ':offset': progress.offsetMs,
  };
  if (progress.state !== 'playing') values[':playing'] = 'playing';
  if (extras.countStart) {
    add.push('startedCount :one');
    values[':one'] = 1;
    if (extras.startedAtSec !== undefined) {
      add.push('practiceStarts :startedAt');
      values[':startedAt'] = new Set([extras.startedAtSec]);
    }
  }
  if (extras.completedAt) {
    add.push('completedCount :one');
    set.push('lastCompletedAt = :completedAt');
    values[':one'] = 1;
    values[':completedAt'] = extras.completedAt;
  }
  const names: Record<string, string> = {};
  if (extras.timeZone && /^[0-9a-f]{16}$/.test(extras.timeZone.device)) {
    // One top-level attribute per device: SET on a map's key fails while the map does not exist.
    set.push('#zone = :zone');
    names['#zone'] = `${ZONE_PREFIX}${extras.timeZone.device}`;
    values[':zone'] = { zone: extras.timeZone.zone, checkedAt: extras.timeZone.checkedAt };
  }
  return { set, add, values, names };
}

function toRecord(item: Record<string, unknown>): ListenerRecord {
  return {
    progress: item.progress as Progress | undefined,
    sankalpa: item.sankalpa as SankalpaRecord | undefined,
    startedCount: Number(item.startedCount ?? 0),
    completedCount: Number(item.completedCount ?? 0),
    lastCompletedAt: item.lastCompletedAt as string | undefined,
    ...(item.expiresAt !== undefined ? { erased: true } : {}),
    ...(item.preferences ? { preferences: item.preferences as Preferences } : {}),
    ...(item.practiceStarts ? { practiceStarts: [...(item.practiceStarts as Set<number>)].sort((a, b) => a - b) } : {}),
    ...(item.people ? { people: [...(item.people as Set<string>)] } : {}),
    ...(item.bedtimeOffer ? { bedtimeOffer: item.bedtimeOffer as BedtimeOffer } : {}),
    ...timeZonesOf(item),
  };
}

/** Device time zones are kept as `tz_<hashed device id>` attributes. */
const ZONE_PREFIX = 'tz_';

function timeZonesOf(item: Record<string, unknown>): { timeZones?: Record<string, DeviceZone> } {
  const zones = Object.entries(item).filter(([name]) => name.startsWith(ZONE_PREFIX));
  return zones.length ? { timeZones: Object.fromEntries(zones.map(([name, value]) => [name.slice(ZONE_PREFIX.length), value as DeviceZone])) } : {};
}
