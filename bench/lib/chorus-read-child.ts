/**
 * One measurement of `chorus-read.bench.ts`, in its own process so that its peak RSS is the
 * reading's: `tsx lib/chorus-read-child.ts <reader|floor|csv-parse> <file>` prints one JSON line.
 * It imports the reader module alone (not the whole server package) for the same reason.
 */
import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readChorusFile } from '../../server/src/imports/chorus/read.ts';

export type Mode = 'reader' | 'floor' | 'csv-parse';

export interface Measure {
  readonly mode: Mode;
  readonly lines: number;
  readonly problems: number;
  readonly totalCents: number;
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly rssBeforeMb: number;
  readonly peakRssMb: number;
}

const CHUNK = 64 * 1024;
const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../server');

async function measure(mode: Mode, file: string): Promise<Measure> {
  const rssBeforeMb = process.memoryUsage.rss() / 1e6;
  const source = () => createReadStream(file, { highWaterMark: CHUNK });
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  let lines = 0;
  let problems = 0;
  let totalCents = 0;
  if (mode === 'reader') {
    const { items } = await readChorusFile(source());
    for await (const item of items) {
      if (item.kind === 'line') {
        lines++;
        totalCents += item.value.montantCents;
      } else problems++;
    }
  } else if (mode === 'floor') {
    // Chunks to strings, lines and fields split: the least any CSV reading does.
    let carry = '';
    for await (const chunk of source()) {
      const text = carry + (chunk as Buffer).toString('latin1');
      let at = 0;
      for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', at)) {
        if (text.slice(at, end).split(',').length > 1) lines++;
        at = end + 1;
      }
      carry = text.slice(at);
    }
    lines -= 8; // the preamble lines that hold commas, and the header
  } else {
    // csv-parse is the server's dependency, not the bench's.
    const { parse } = createRequire(path.join(serverDir, 'package.json'))('csv-parse') as {
      parse: (options: object) => NodeJS.ReadWriteStream & AsyncIterable<unknown>;
    };
    for await (const _record of source().pipe(parse({ from_line: 9, relax_column_count: true }))) lines++;
  }
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuStart);
  return {
    mode,
    lines,
    problems,
    totalCents,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    rssBeforeMb,
    peakRssMb: (process.resourceUsage().maxRSS * 1024) / 1e6,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(await measure(process.argv[2] as Mode, process.argv[3] as string)));
}
