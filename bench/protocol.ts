/** What bench/child.ts reports back to the benchmark. */
export const RESULT_MARKER = '@@bench-result ';

export interface ColdResult {
  loadMs: number;
  firstRequestMs: number;
  maxRssKb: number;
  cpuMs: number;
  /** Whether a DynamoDB client was loaded at all. */
  dynamoClientLoaded: boolean;
  ok: boolean;
}

export interface ServeRequest {
  id: number;
  events: unknown[];
}

export interface ServeReply {
  id: number;
  ms: number[];
  responses: unknown[];
  maxRssKb: number;
  error?: string;
}
