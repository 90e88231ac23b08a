/** Sync runs as the UI sees them: pure types and schemas shared by the engine and the renderer. */
import { z } from 'zod';

export const TaskKindSchema = z.enum(['export', 'import', 'download-goods']);
export type TaskKind = z.infer<typeof TaskKindSchema>;

/**
 * What a recorded run did: one of the tasks, or `mapping`, the audit of links changed by hand in
 * the mapping view or by a mapping CSV (and of the store reads made for that view).
 */
export const RecordedTaskSchema = z.enum([...TaskKindSchema.options, 'mapping']);
export type RecordedTask = z.infer<typeof RecordedTaskSchema>;

/** `partial`: the run got to its end but some of the changes it meant to write failed (the rest were written). */
export const RunStateSchema = z.enum(['queued', 'running', 'succeeded', 'partial', 'failed', 'cancelled']);
export type RunState = z.infer<typeof RunStateSchema>;

export const RunCountsSchema = z.record(z.string(), z.number());
export type RunCounts = z.infer<typeof RunCountsSchema>;

export const RunSummarySchema = z.object({
  id: z.string(),
  serverId: z.string(),
  task: RecordedTaskSchema,
  dryRun: z.boolean(),
  state: RunStateSchema,
  phase: z.string(),
  done: z.number(),
  total: z.number(),
  counts: RunCountsSchema,
  requests: z.number(),
  error: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type RunSummary = z.infer<typeof RunSummarySchema>;

export const RunItemSchema = z.object({
  kind: z.string(),
  ref: z.string(),
  action: z.string(),
  oldValue: z.string().nullable(),
  newValue: z.string().nullable(),
  explain: z.string().nullable(),
  status: z.enum(['planned', 'done', 'failed', 'skipped']),
  message: z.string().nullable(),
  at: z.string(),
});
export type RunItem = z.infer<typeof RunItemSchema>;

export const AttentionItemSchema = z.object({
  kind: z.string(),
  ref: z.string(),
  reason: z.string(),
  detail: z.string(),
  firstSeen: z.string(),
  lastSeen: z.string(),
});
export type AttentionItem = z.infer<typeof AttentionItemSchema>;

export const LogLineSchema = z.object({
  runId: z.string(),
  serverId: z.string(),
  /** The task of the run, so a log of several runs says whose line each is. */
  task: RecordedTaskSchema.optional(),
  level: z.enum(['info', 'warn', 'error']),
  message: z.string(),
  at: z.string(),
});
export type LogLine = z.infer<typeof LogLineSchema>;

export const ServerStatusSchema = z.object({
  serverId: z.string(),
  started: z.boolean(),
  activeRuns: z.array(RunSummarySchema),
  lastRuns: z.object({
    export: RunSummarySchema.nullable(),
    import: RunSummarySchema.nullable(),
    'download-goods': RunSummarySchema.nullable(),
  }),
  lastOrderImportAt: z.string().nullable(),
  attentionCount: z.number(),
});
export type ServerStatus = z.infer<typeof ServerStatusSchema>;
