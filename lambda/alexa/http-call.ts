/**
 * One HTTP(S) request with a time budget, on node's own http/https modules. Not fetch: its first
 * use on a cold start initialises undici, well over 100 ms of a LaunchRequest (`npm run bench`,
 * "LaunchRequest from an Echo whose zone is not stored yet"). Loaded on first call, so requests
 * that never call Alexa's APIs (NearlyFinished) load neither module.
 */
export interface HttpAnswer {
  status: number;
  text: string;
}

export async function httpCall(
  url: URL,
  options: { method: string; headers: Record<string, string>; body?: string; budgetMs: number },
): Promise<HttpAnswer> {
  const { request } = url.protocol === 'https:' ? await import('node:https') : await import('node:http');
  return new Promise((resolve, reject) => {
    const headers = options.body === undefined ? options.headers : { ...options.headers, 'Content-Length': String(Buffer.byteLength(options.body)) };
    const outgoing = request(url, { method: options.method, headers }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => {
        clearTimeout(timer);
        resolve({ status: incoming.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
      });
      incoming.on('error', fail);
    });
    const timer = setTimeout(
      () => outgoing.destroy(Object.assign(new Error(`no answer within ${options.budgetMs} ms`), { name: 'TimeoutError' })),
      options.budgetMs,
    );
    function fail(error: Error) {
      clearTimeout(timer);
      reject(error);
    }
    outgoing.on('error', fail);
    outgoing.end(options.body);
  });
}
