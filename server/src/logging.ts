import pino, { type Logger } from 'pino';
import type { Settings } from './config.ts';

/**
 * The process's one logger. On a terminal (or LOG_FORMAT=pretty) lines are made readable by
 * pino-pretty, in a worker thread so formatting never runs on the event loop; otherwise (a
 * service manager, a log collector, LOG_FORMAT=json) one JSON object per line, as pino writes it.
 */
export function createLogger(settings: Pick<Settings, 'logLevel' | 'logFormat'>): Logger {
  if (settings.logFormat === 'json' || settings.logLevel === 'silent') {
    return pino({ level: settings.logLevel });
  }
  return pino(
    { level: settings.logLevel },
    pino.transport({
      target: 'pino-pretty',
      options: {
        colorize: process.stdout.isTTY === true,
        translateTime: 'SYS:HH:MM:ss',
        // Fields the messages already say in words (seed loads, see seed/runner.ts).
        ignore: 'pid,hostname,reqId,req,res,responseTime,dataset,rows,total,percent,seconds,step,unplaced,ms',
        // Request logs read as one line each: « req-7 GET /api/query » then « req-7 200 12.3 ms ».
        messageFormat:
          '{if reqId}{reqId} {end}{if req.method}{req.method} {req.url} {end}{if res.statusCode}{res.statusCode} {responseTime} ms {end}{msg}',
        singleLine: true,
      },
    }),
  );
}
