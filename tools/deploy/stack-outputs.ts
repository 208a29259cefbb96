/**
 * The deployed stack's outputs (serverless.yml `Outputs`), read through `serverless info --verbose`
 * so the deploy scripts need no CloudFormation client of their own. Needs AWS credentials.
 */
import { runServerless } from './serverless';

export interface StackOptions {
  stage?: string;
  region?: string;
}

/** `Key: value` lines under serverless's "Stack Outputs:" heading (colours stripped). */
export function parseStackOutputs(text: string): Record<string, string> {
  // eslint-disable-next-line no-control-regex
  // biome-ignore lint/suspicious/noControlCharactersInRegex: terminal colour codes start with ESC.
  const plain = text.replace(/\u001b\[[0-9;]*m/g, '');
  const start = plain.indexOf('Stack Outputs:');
  if (start < 0) return {};
  const outputs: Record<string, string> = {};
  for (const line of plain.slice(start).split('\n').slice(1)) {
    const match = /^\s+([A-Za-z0-9]+): (\S.*)$/.exec(line);
    if (!match) {
      if (line.trim() === '') continue;
      break;
    }
    outputs[match[1]] = match[2].trim();
  }
  return outputs;
}

export async function stackOutput(name: string, options: StackOptions = {}): Promise<string> {
  const args = ['info', '--verbose', '--stage', options.stage ?? 'prod', ...(options.region ? ['--region', options.region] : [])];
  const { code, output } = await runServerless(args, undefined, false);
  if (code !== 0) throw new Error(`serverless info failed (${code}); is the stack deployed and are AWS credentials set?\n${output}`);
  const value = parseStackOutputs(output)[name];
  if (!value) throw new Error(`the stack has no output ${name}; deploy it first (npm run deploy)`);
  return value;
}

/** `--name value` or `--name=value` from argv. */
export function flag(argv: readonly string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === name) return argv[i + 1];
    if (argv[i].startsWith(`${name}=`)) return argv[i].slice(name.length + 1);
  }
  return undefined;
}
