/**
 * The custom task a routine runs to start the practice (lambda/core/routine.ts): declared in
 * skill.json's `apis.custom.tasks`, defined in `skill-package/tasks/StartPractice.1.json` (an
 * OpenAPI 3 document, public, with each locale's display details), as the ASK CLI v2 package expects.
 */
import { START_PRACTICE_TASK } from '../../lambda/core/routine';
import { LOCALES } from './locales';

export const TASK_VERSION = '1';
export const TASKS = [{ name: START_PRACTICE_TASK, version: TASK_VERSION }];

export const taskDefinitionPath = (name: string, version: string) => `tasks/${name}.${version}.json`;

const TITLE = 'Start Spine Nidra';
const DESCRIPTION = 'Alexa starts your Spine Nidra practice: where you left off, or from the beginning.';

export function startPracticeTaskDefinition() {
  return {
    openapi: '3.0.0',
    info: {
      title: TITLE,
      version: TASK_VERSION,
      'x-amzn-alexa-access-scope': 'public',
      'x-amzn-display-details': Object.fromEntries(LOCALES.map((locale) => [locale, { title: TITLE, description: DESCRIPTION }])),
    },
    tags: [{ name: TITLE }],
    paths: {
      [`/${START_PRACTICE_TASK}`]: {
        summary: TITLE,
        description: DESCRIPTION,
        post: {
          requestBody: {
            content: {
              'application/json': {
                schema: { type: 'object', additionalProperties: false, description: "No input: the practice is the listener's own." },
                examples: { sampleInput: { description: 'Start the practice', value: {} } },
              },
            },
          },
          responses: {
            '200': {
              description: 'The practice started',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/SuccessfulResponse' } } },
            },
            '400': { description: 'The input failed validation' },
            '500': { description: 'The practice could not start' },
          },
        },
      },
    },
    components: { schemas: { SuccessfulResponse: { type: 'object', properties: { endTime: { type: 'string', format: 'date-time' } } } } },
  };
}
