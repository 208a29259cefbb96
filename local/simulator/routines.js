// Alexa's routine offer and the routines a listener accepted, as the simulator plays them. The
// offer (Connections.StartConnection to AMAZON.OfferAutomation) shows as Alexa's own question with
// its possible outcomes, each sent back as the SessionResumedRequest Alexa would send; an accepted
// routine can then be fired, as the LaunchRequest carrying the skill's task that a routine sends.

const OFFER_URI = 'connection://AMAZON.OfferAutomation/1';
/** Routines live on the Alexa account, not in the skill: this browser keeps the simulated account's. */
const STORE_KEY = 'spine-nidra-simulator-routines';

/** What Alexa reports for each way the offer can end (the Pre-Built Routine API's statuses). */
const OUTCOMES = {
  yes: { status: { code: '200', message: 'OK' } },
  no: { status: { code: '204', message: 'No Content' }, result: { offerAutomationResponse: { reason: 'REJECTED_BY_CUSTOMER' } } },
  already: { status: { code: '204', message: 'No Content' }, result: { offerAutomationResponse: { reason: 'AUTOMATION_ALREADY_ENABLED' } } },
  error: { status: { code: '500', message: 'Internal Server Error' } },
};

const $ = (id) => document.getElementById(id);

export function routineOfferIn(directives = []) {
  return directives.find((directive) => directive.type === 'Connections.StartConnection' && directive.uri === OFFER_URI);
}

/** The routine an offer describes: when, where, and what it does. */
function routineOf(directive) {
  const schedule = directive.input?.automation?.trigger?.payload?.schedule ?? {};
  const time = String(schedule.triggerTime ?? '');
  const action = Object.values(directive.input?.renderingData?.operations ?? {})[0]?.descriptionPrompt ?? 'open the skill';
  return { time: `${time.slice(0, 2)}:${time.slice(2, 4)}`, zone: schedule.timeZoneId ?? '?', recurrence: schedule.recurrence ?? '', action };
}

function loadRoutines() {
  try {
    return JSON.parse(localStorage.getItem(STORE_KEY) ?? '[]');
  } catch {
    return [];
  }
}

/**
 * @param {{ answer(label: string, cause: object, session: object): void, run(routine: object): void }} hooks
 *   `answer` sends the SessionResumedRequest; `run` fires a routine-triggered launch.
 */
export function createRoutines(hooks) {
  let pending = null;
  let routines = loadRoutines();

  function showRoutines() {
    const list = $('routines');
    if (!routines.length) return list.replaceChildren(item('None yet.', 'none'));
    list.replaceChildren(
      ...routines.map((routine) => {
        const run = document.createElement('button');
        run.type = 'button';
        run.className = 'run-routine';
        run.textContent = 'Run it now';
        run.addEventListener('click', () => hooks.run(routine));
        const entry = item(`Every day at ${routine.time} (${routine.zone}): ${routine.action} `);
        entry.append(run);
        return entry;
      }),
    );
  }

  function answer(outcome) {
    if (!pending) return;
    const { directive, session } = pending;
    pending = null;
    $('routine-offer').hidden = true;
    if (outcome === 'yes' || outcome === 'already') {
      const routine = routineOf(directive);
      routines = [...routines.filter((kept) => kept.time !== routine.time || kept.action !== routine.action), routine];
      localStorage.setItem(STORE_KEY, JSON.stringify(routines));
      showRoutines();
    }
    hooks.answer(`Alexa: the routine offer, “${outcome}”`, { type: 'ConnectionCompleted', token: directive.token, ...OUTCOMES[outcome] }, session);
  }

  for (const button of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('[data-offer-outcome]')))
    button.addEventListener('click', () => answer(button.dataset.offerOutcome));
  showRoutines();

  return {
    /** Alexa takes the session to ask about the routine; the answer resumes it. */
    offer(directive, session) {
      pending = { directive, session };
      const routine = routineOf(directive);
      $('routine-offer-text').textContent =
        `Alexa asks: “Would you like a routine that does ${routine.action}, every day at ${routine.time}?” (${routine.zone}, ${routine.recurrence})`;
      $('routine-offer').hidden = false;
    },
  };
}

function item(text, className = '') {
  const node = document.createElement('li');
  if (className) node.className = className;
  node.textContent = text;
  return node;
}
