/**
 * What the editor reads from a Warehouse Pro database and a store to fill its pickers and show
 * connection checks. The engine maps its driver's results into these shapes.
 */
import { z } from 'zod';

export const GroupNodeSchema: z.ZodType<GroupNode> = z.lazy(() =>
  z.object({
    id: z.number(),
    code: z.string(),
    name: z.string(),
    /** Goods (or objects) in this group and all groups under it. */
    count: z.number(),
    children: z.array(GroupNodeSchema),
  }),
);
export interface GroupNode {
  id: number;
  code: string;
  name: string;
  count: number;
  children: GroupNode[];
}

export const NamedSchema = z.object({ id: z.number(), name: z.string() });

export const DatabaseReferenceSchema = z.object({
  objects: z.array(NamedSchema.extend({ groupId: z.number().nullable() })),
  objectGroups: z.array(GroupNodeSchema),
  goodsGroups: z.array(GroupNodeSchema),
  users: z.array(NamedSchema),
  partners: z.array(NamedSchema.extend({ email: z.string() })),
  priceColumns: z.array(z.object({ column: z.number(), name: z.string() })),
  vatIncluded: z.boolean(),
});
export type DatabaseReference = z.infer<typeof DatabaseReferenceSchema>;

export const DatabaseCheckSchema = z.object({
  ok: z.boolean(),
  message: z.string(),
  /** e.g. "MariaDB 10.11, Warehouse Pro schema" */
  serverVersion: z.string().nullable(),
  missing: z.array(z.string()),
  goodsCount: z.number().nullable(),
  canWrite: z.boolean(),
  /** configkey20: whether the database's prices include VAT; null when it could not be read. */
  vatIncluded: z.boolean().nullable().default(null),
  /** configkey20 is missing: Warehouse Pro's default (prices without VAT) applies. */
  vatDefaulted: z.boolean().default(false),
  /** Rights the database user lacks for what the program writes, e.g. "INSERT operations". */
  missingRights: z.array(z.string()).default([]),
  /** What the database administrator runs to give the missing rights (GRANT ... ;), or null. */
  rightsFix: z.string().nullable().default(null),
  /** Columns the program writes that hold NULL in some rows (Warehouse Pro writes ' ' or 0), e.g. "partners.Company2 (3)". */
  nullColumns: z.array(z.string()).default([]),
});
export type DatabaseCheck = z.infer<typeof DatabaseCheckSchema>;

export const StoreCheckSchema = z.object({
  ok: z.boolean(),
  message: z.string(),
  storeName: z.string().nullable(),
  /** The plan's requests per minute, learnt from X-RateLimit-Limit. */
  rateLimit: z.number().nullable(),
  /** Whether the store's plan has variants (the `multi_variants` feature); null when not known. */
  variantsInPlan: z.boolean().nullable().optional(),
});
export type StoreCheck = z.infer<typeof StoreCheckSchema>;
