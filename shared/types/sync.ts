/** Sync runs as the UI sees them: pure types and schemas shared by the engine and the renderer. */
import { z } from 'zod';
import { PHASES } from './vocabulary';

/** `revert`: sets the store back to the values before one export run (B10); see `tasks/revert-task.ts`. */
export const TaskKindSchema = z.enum(['export', 'import', 'download-goods', 'revert']);
export type TaskKind = z.infer<typeof TaskKindSchema>;

/**
 * What started a run. `start`: the first check of a server just started; `schedule`: its timer
 * later on; `manual`: Run now in the window or the browser UI; `cli`: `sklad-sync run`.
 */
export const RunTriggerSchema = z.enum(['schedule', 'start', 'manual', 'cli']);
export type RunTrigger = z.infer<typeof RunTriggerSchema>;

/**
 * Everything one run is asked to do, from the trigger to the task's session. It lives exactly as
 * long as that run: nothing of one request (a full compare, a plan to apply) carries over to the
 * next run, least of all to the schedule's.
 */
export const RunRequestSchema = z.object({
  serverId: z.string(),
  task: TaskKindSchema,
  /** Plan only: walk the same path and write nothing. */
  dryRun: z.boolean(),
  /** Export only: compare with the whole store catalog now (drift repair), not only when due. */
  fullCompare: z.boolean(),
  /** "Apply": run for real only if planning again gives exactly this dry run's changes. */
  planRunId: z.string().optional(),
  trigger: RunTriggerSchema,
  /** Import only: read the store orders placed from this day on (ISO date). */
  ordersFrom: z.string().optional(),
  /** Import only: exactly these store orders (their ids in the store). */
  orderIds: z.array(z.string()).optional(),
  /** Revert only: the export run to set back (B10); for "Apply", taken from the plan. */
  revertOf: z.string().optional(),
});
export type RunRequest = z.infer<typeof RunRequestSchema>;

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
  /** A revert run: the id of the export run it sets back. */
  revertOf: z.string().nullish(),
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
  /** The plain line, as a log file keeps it. */
  message: z.string(),
  /** What the line means, for the UI to say in the user's language (phase and end lines). */
  event: z
    .discriminatedUnion('key', [
      z.object({ key: z.literal('phase'), phase: z.enum(PHASES), total: z.number() }),
      z.object({ key: z.literal('end'), state: z.enum(['succeeded', 'partial', 'failed', 'cancelled']) }),
    ])
    .optional(),
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
