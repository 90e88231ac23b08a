/**
 * Writes the engine's story to the log file: servers started and stopped, every run's log lines
 * and how each run ended. The renderer shows the same events live; the file is what support reads
 * after the fact.
 */
import type { Engine, EngineEvent } from '../engine/engine';
import type { LogLevel } from './rotating-log';

export interface LogSink {
  write(level: LogLevel, message: string): void;
}

export function engineLogLine(event: EngineEvent, name: (serverId: string) => string): [LogLevel, string] | null {
  switch (event.channel) {
    case 'sync:logEvent': {
      const l = event.payload;
      return [l.level, `[${name(l.serverId)}] run ${l.runId.slice(0, 8)}: ${l.message}`];
    }
    case 'sync:finishedEvent': {
      const r = event.payload;
      const counts = Object.entries(r.counts)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ');
      const level: LogLevel = r.state === 'failed' ? 'error' : r.state === 'partial' ? 'warn' : 'info';
      const what = `${r.task}${r.dryRun ? ' (dry run)' : ''}`;
      const tail = r.error ? `: ${r.error}` : '';
      return [level, `[${name(r.serverId)}] ${what} ${r.state}, ${r.requests} requests ${counts}${tail}`.trim()];
    }
    default:
      return null;
  }
}

/** Subscribes the sink to the engine; also logs server start/stop transitions. Returns unsubscribe. */
export function attachEngineLog(engine: Engine, sink: LogSink): () => void {
  const started = new Map<string, boolean>();
  const name = (id: string) => {
    try {
      return engine.servers.get(id).name;
    } catch {
      return id;
    }
  };
  return engine.onEvent((event) => {
    if (event.channel === 'servers:stateEvent') {
      const { serverId, started: now } = event.payload;
      if (started.get(serverId) !== now)
        sink.write('info', `[${name(serverId)}] server ${now ? 'started' : 'stopped'}`);
      started.set(serverId, now);
      return;
    }
    const line = engineLogLine(event, name);
    if (line) sink.write(line[0], line[1]);
  });
}
