// The simulator's line to the skill. Exchanges run one at a time, in the order the device and
// the listener produced them, so every answer is applied before the next request goes out:
// what a device's own request queue does.

async function postJson(path, body) {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const payload = await response.json().catch(() => ({ error: `HTTP ${response.status}` }));
  if (!response.ok && !payload.error) payload.error = `HTTP ${response.status}`;
  return payload;
}

export async function fetchState(userId) {
  const response = await fetch(`/simulator/state?userId=${encodeURIComponent(userId)}`);
  if (!response.ok) throw new Error(`the simulator state is unavailable (HTTP ${response.status})`);
  return response.json();
}

export function understand(text, { playing, inSession, elicit }) {
  return postJson('/simulator/understand', { text, playing, inSession, elicit });
}

/**
 * @param {(exchange: object) => void} onAnswer  called in order, inside the queue, with
 *   { label, request, response?, violations, listener?, elapsedMs, error? }
 */
export function createSkillLink(onAnswer) {
  let queue = Promise.resolve();
  return {
    /** Queues one request; resolves with its exchange once it has been answered and applied. */
    send(label, request) {
      const exchange = queue.then(async () => {
        let result;
        try {
          result = await postJson('/simulator/alexa', request);
        } catch (error) {
          result = { error: `the local server did not answer: ${/** @type {Error} */ (error).message}` };
        }
        const done = { label, request, violations: [], ...result };
        onAnswer(done);
        return done;
      });
      queue = exchange.catch(() => undefined);
      return exchange;
    },
    /** Resolves when everything queued so far has been answered. */
    settled() {
      return queue;
    },
  };
}
