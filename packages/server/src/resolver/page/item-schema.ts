import { z } from 'zod';

/**
 * The parts of TikTok's `itemStruct` the resolver reads (tiktok-reference.md section 2).
 * Lenient on purpose: a field of an unexpected type becomes `undefined` instead of failing
 * the whole item, and renditions are validated one by one.
 */
const numeric = z.union([
  z.number(),
  z
    .string()
    .regex(/^\d+(?:\.\d+)?$/)
    .transform(Number),
]);
const optionalNumber = numeric.optional().catch(undefined);
const optionalString = z.string().optional().catch(undefined);

export const playAddrSchema = z.union([
  z.string(),
  z.array(z.object({ src: z.string() })).transform((list) => list.map((entry) => entry.src)),
]);

export const renditionSchema = z.object({
  GearName: optionalString,
  Bitrate: optionalNumber,
  CodecType: optionalString,
  PlayAddr: z.object({
    UrlList: z.array(z.string()),
    UrlKey: optionalString,
    DataSize: optionalNumber,
    Width: optionalNumber,
    Height: optionalNumber,
  }),
});
export type Rendition = z.infer<typeof renditionSchema>;

const videoSchema = z.object({
  playAddr: playAddrSchema.optional().catch(undefined),
  downloadAddr: optionalString,
  duration: optionalNumber,
  width: optionalNumber,
  height: optionalNumber,
  cover: optionalString,
  originCover: optionalString,
  dynamicCover: optionalString,
  bitrateInfo: z.array(z.unknown()).optional().catch(undefined),
});
export type ItemVideo = z.infer<typeof videoSchema>;

const authorSchema = z.union([
  z.string(),
  z.object({ uniqueId: z.string(), nickname: optionalString }),
]);

export const itemSchema = z.object({
  id: z.union([z.string(), z.number().transform(String)]),
  desc: optionalString,
  author: authorSchema.optional().catch(undefined),
  /** SIGI_STATE era: the author's nickname sits beside the item. */
  nickname: optionalString,
  video: videoSchema.optional().catch(undefined),
  imagePost: z
    .object({ images: z.array(z.unknown()) })
    .optional()
    .catch(undefined),
  isContentClassified: z.boolean().optional().catch(undefined),
});
export type Item = z.infer<typeof itemSchema>;

/** `statusCode` may arrive as a number or a numeric string. */
export const statusCodeSchema = numeric.optional().catch(undefined);
