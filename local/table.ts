/**
 * Creates the listeners table (partition key `pk`, on demand) when it does not exist, with time to
 * live on `expiresAt` as serverless.yml declares it. Local use and tests only: the Lambda never
 * creates tables. Speaks DynamoDB's own operations, so it runs over the wire client.
 */
export interface TableCalls {
  call<T>(operation: string, input: object): Promise<T>;
}

/** The attribute DynamoDB's TTL reads (the erasure marker's expiry; see dynamo-store.ts). */
export const TTL_ATTRIBUTE = 'expiresAt';

export async function ensureTable(db: TableCalls, tableName: string): Promise<void> {
  if (!(await tableStatus(db, tableName))) {
    try {
      await db.call('CreateTable', {
        TableName: tableName,
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      });
    } catch (error) {
      // Created meanwhile, or by this very call's first attempt when its answer came too late for the client.
      if ((error as Error).name !== 'ResourceInUseException') throw error;
    }
  }
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if ((await tableStatus(db, tableName)) === 'ACTIVE') return enableTimeToLive(db, tableName);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`table ${tableName} did not become active`);
}

async function tableStatus(db: TableCalls, tableName: string): Promise<string | undefined> {
  try {
    const { Table } = await db.call<{ Table?: { TableStatus?: string } }>('DescribeTable', { TableName: tableName });
    return Table?.TableStatus ?? 'UNKNOWN';
  } catch (error) {
    if ((error as Error).name === 'ResourceNotFoundException') return undefined;
    throw error;
  }
}

/** dynalite has no TTL at all (it answers UnknownOperationException); Amazon's DynamoDB Local does. */
async function enableTimeToLive(db: TableCalls, tableName: string): Promise<void> {
  try {
    const { TimeToLiveDescription } = await db.call<{ TimeToLiveDescription?: { TimeToLiveStatus?: string } }>('DescribeTimeToLive', {
      TableName: tableName,
    });
    if (TimeToLiveDescription?.TimeToLiveStatus === 'ENABLED') return;
    await db.call('UpdateTimeToLive', { TableName: tableName, TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true } });
  } catch (error) {
    if ((error as Error).name !== 'UnknownOperationException') throw error;
  }
}
