/**
 * "Save a support file": one zip with what support needs and no secret. In the desktop app the
 * shell asks where to save it and writes it there; in serve mode the browser downloads it (the
 * person at the browser may be on another PC than the engine, so the file goes to them).
 */
import { z } from 'zod';

export const SupportFileResultSchema = z.discriminatedUnion('delivery', [
  z.object({
    delivery: z.literal('saved'),
    path: z.string(),
    bytes: z.number().int(),
    files: z.array(z.string()),
  }),
  z.object({ delivery: z.literal('cancelled') }),
  z.object({
    delivery: z.literal('download'),
    filename: z.string(),
    /** The zip, base64: the contract is JSON. Support files are small (logs are capped at 5 MB). */
    base64: z.string(),
    bytes: z.number().int(),
    files: z.array(z.string()),
  }),
]);
export type SupportFileResult = z.infer<typeof SupportFileResultSchema>;
