import { z } from 'zod';

export const RegionSchema = z.object({
  code: z.string(),
  name: z.string(),
  fullName: z.string(),
  nameEn: z.string(),
  level: z.enum(['country', 'province', 'city', 'district']),
  parentCode: z.string().nullable(),
});
export type RegionInfo = z.infer<typeof RegionSchema>;

export const RegionQuerySchema = z
  .object({
    level: z.enum(['country', 'province', 'city', 'district']).optional(),
    parent: z
      .string()
      .regex(/^\d{6}$/)
      .optional(),
  })
  .strict();
