import { ConditionalCheckFailedException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { sameSecondFloor, type Progress } from '../playback/progress';
import type { ListenerRecord, ListenerStore, ProgressExtras, SankalpaRecord, SaveOutcome } from './types';

/**
 * One item per listener, keyed by `pk`. Every write is a targeted UpdateItem, so a progress
 * event never clobbers the sankalpa and the other way round.
 */
export function createDynamoStore(client: DynamoDBClient, tableName: string): ListenerStore {
  const documents = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });

  return {
    async load(listenerKey) {
      const { Item } = await documents.send(new GetCommand({ TableName: tableName, Key: { pk: listenerKey } }));
      return Item ? toRecord(Item) : undefined;
    },

    async saveProgress(listenerKey, progress, extras = {}) {
      const { set, add, values } = progressUpdate(progress, extras);
      try {
        await documents.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { pk: listenerKey },
            UpdateExpression: `SET ${set.join(', ')}${add.length ? ` ADD ${add.join(', ')}` : ''}`,
            ConditionExpression:
              'attribute_not_exists(progressSeq) OR progressSeq < :seq OR (progressSeq BETWEEN :sameSecond AND :secondEnd' +
              ' AND progress.nonce = :nonce AND progress.segmentId = :segment AND progress.offsetMs < :offset)',
            ExpressionAttributeValues: values,
          }),
        );
        return 'saved' satisfies SaveOutcome;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return 'stale';
        throw error;
      }
    },

    async setSankalpa(listenerKey, sankalpa) {
      await documents.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { pk: listenerKey },
          UpdateExpression: 'SET sankalpa = :sankalpa',
          ExpressionAttributeValues: { ':sankalpa': sankalpa },
        }),
      );
    },

    async clearSankalpa(listenerKey) {
      await documents.send(
        new UpdateCommand({ TableName: tableName, Key: { pk: listenerKey }, UpdateExpression: 'REMOVE sankalpa' }),
      );
    },
  };
}

function progressUpdate(progress: Progress, extras: ProgressExtras) {
  const set = ['progress = :progress', 'progressSeq = :seq'];
  const add: string[] = [];
  const values: Record<string, unknown> = {
    ':progress': progress,
    ':seq': progress.seq,
    ':sameSecond': sameSecondFloor(progress.seq),
    ':secondEnd': sameSecondFloor(progress.seq) + 9_999,
    ':nonce': progress.nonce,
    ':segment': progress.segmentId,
    ':offset': progress.offsetMs,
  };
  if (extras.countStart) {
    add.push('startedCount :one');
    values[':one'] = 1;
  }
  if (extras.completedAt) {
    add.push('completedCount :one');
    set.push('lastCompletedAt = :completedAt');
    values[':one'] = 1;
    values[':completedAt'] = extras.completedAt;
  }
  return { set, add, values };
}

function toRecord(item: Record<string, unknown>): ListenerRecord {
  return {
    progress: item.progress as Progress | undefined,
    sankalpa: item.sankalpa as SankalpaRecord | undefined,
    startedCount: Number(item.startedCount ?? 0),
    completedCount: Number(item.completedCount ?? 0),
    lastCompletedAt: item.lastCompletedAt as string | undefined,
  };
}
