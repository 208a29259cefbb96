/**
 * The official ask-sdk-dynamodb-persistence-adapter, on AWS SDK v3: one item per user holding every
 * attribute, read whole (GetItem) and written whole (PutItem). The official package still depends
 * on aws-sdk v2, so the benchmark carries this equivalent instead.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { PersistenceAdapter } from 'ask-sdk-core';
import type { RequestEnvelope } from 'ask-sdk-model';

export interface AdapterOptions {
  tableName: string;
  client: DynamoDBClient;
  /** The table's key attribute (the official adapter defaults to `id`; the benchmark's table uses `pk`). */
  partitionKeyName?: string;
  attributesName?: string;
}

export class DynamoDbV3PersistenceAdapter implements PersistenceAdapter {
  private readonly documents: DynamoDBDocumentClient;
  private readonly tableName: string;
  private readonly partitionKeyName: string;
  private readonly attributesName: string;

  constructor(options: AdapterOptions) {
    this.documents = DynamoDBDocumentClient.from(options.client, { marshallOptions: { removeUndefinedValues: true } });
    this.tableName = options.tableName;
    this.partitionKeyName = options.partitionKeyName ?? 'id';
    this.attributesName = options.attributesName ?? 'attributes';
  }

  /** Like the official adapter's default (PartitionKeyGenerators.userId): the raw Alexa user id. */
  private key(envelope: RequestEnvelope): Record<string, string> {
    return { [this.partitionKeyName]: envelope.context.System.user.userId };
  }

  async getAttributes(envelope: RequestEnvelope): Promise<Record<string, unknown>> {
    const { Item } = await this.documents.send(new GetCommand({ TableName: this.tableName, Key: this.key(envelope) }));
    return (Item?.[this.attributesName] as Record<string, unknown> | undefined) ?? {};
  }

  async saveAttributes(envelope: RequestEnvelope, attributes: Record<string, unknown>): Promise<void> {
    await this.documents.send(new PutCommand({ TableName: this.tableName, Item: { ...this.key(envelope), [this.attributesName]: attributes } }));
  }

  async deleteAttributes(envelope: RequestEnvelope): Promise<void> {
    await this.documents.send(new DeleteCommand({ TableName: this.tableName, Key: this.key(envelope) }));
  }
}
