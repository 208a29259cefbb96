/**
 * Everyday phrases Alexa maps to the AMAZON built-in intents. Amazon keeps the real lists to
 * itself; these are the common ones, enough for the simulator to feel like talking to an Echo.
 * Phrases are normalized (lowercase, no punctuation except apostrophes).
 */
export const BUILT_IN_PHRASES: Readonly<Record<string, readonly string[]>> = {
  'AMAZON.PauseIntent': ['pause', 'pause it', 'pause this', 'pause the practice', 'pause the meditation', 'pause playback', 'hold on', 'wait'],
  'AMAZON.ResumeIntent': [
    'resume',
    'continue',
    'carry on',
    'keep going',
    'unpause',
    'play',
    'resume playback',
    'resume the practice',
    'continue the practice',
    'resume the meditation',
    'continue where i left off',
    'pick up where i left off',
  ],
  'AMAZON.NextIntent': [
    'next',
    'skip',
    'skip this',
    'skip this part',
    'next one',
    'next part',
    'next section',
    'next track',
    'go forward',
    'skip ahead',
  ],
  'AMAZON.PreviousIntent': ['previous', 'go back', 'back', 'previous one', 'previous part', 'previous section', 'previous track', 'last part'],
  'AMAZON.StartOverIntent': ['start over', 'restart', 'start again', 'begin again', 'from the top', 'start from the top', 'play from the start'],
  'AMAZON.RepeatIntent': ['repeat', 'repeat that', 'repeat this', 'say that again', 'again', 'what did you say', 'come again'],
  'AMAZON.LoopOnIntent': ['loop', 'loop on', 'turn on loop', 'loop this', 'repeat this on a loop', 'put it on repeat'],
  'AMAZON.LoopOffIntent': ['loop off', 'turn off loop', 'stop looping', 'stop repeating'],
  'AMAZON.ShuffleOnIntent': ['shuffle', 'shuffle on', 'turn on shuffle', 'shuffle this'],
  'AMAZON.ShuffleOffIntent': ['shuffle off', 'turn off shuffle', 'stop shuffling', 'unshuffle'],
  'AMAZON.CancelIntent': ['cancel', 'never mind', 'nevermind', 'forget it', 'cancel that'],
  'AMAZON.StopIntent': ['stop', 'stop it', 'off', 'quit', 'exit', 'shut up', 'be quiet', 'enough', "that's enough", 'turn it off'],
  'AMAZON.HelpIntent': ['help', 'help me', 'what can i say', 'what can i do', 'how does this work', 'what are my options'],
  'AMAZON.NavigateHomeIntent': ['go home', 'home', 'go to the home screen'],
  'AMAZON.YesIntent': ['yes', 'yeah', 'yep', 'yup', 'sure', 'ok', 'okay', 'yes please', 'please do', 'of course', 'go ahead', 'alright'],
  'AMAZON.NoIntent': ['no', 'nope', 'no thanks', 'no thank you', 'not now', 'nah', 'not really'],
};
