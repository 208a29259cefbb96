/**
 * `npm run report [-- <log file>]`: the practice funnel from EMF metric lines, read from a file
 * (Lambda logs exported or copied from CloudWatch, or the local server's output) or stdin.
 *   aws logs tail /aws/lambda/spine-nidra-prod-skill --since 7d | npm run report
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { spineNidra } from '../../models/spine-nidra';
import { addLine, emptyTally, reportText } from '../../local/metrics-tally';

async function main(file: string | undefined): Promise<void> {
  const tally = emptyTally();
  let lines = 0;
  let metrics = 0;
  for await (const line of createInterface({ input: file ? createReadStream(file) : process.stdin, crlfDelay: Infinity })) {
    lines += 1;
    if (addLine(tally, line)) metrics += 1;
  }
  console.log(`${metrics} metric lines in ${lines} log lines${file ? ` of ${file}` : ''}\n`);
  console.log(
    reportText(
      tally,
      spineNidra.sections.map((section) => section.id),
    ),
  );
}

main(process.argv[2]).catch((error: Error) => {
  console.error(error.message);
  process.exitCode = 1;
});
