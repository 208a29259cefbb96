import type { RunningDynamo } from './local-dynamodb';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __LOCAL_DYNAMO__?: RunningDynamo }).__LOCAL_DYNAMO__?.stop();
}
