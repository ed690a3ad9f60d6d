import { z } from "zod";

// What a reproduction run writes to its records file: exceptions from the oracle preload, and
// marks and answers from a probe test. The file is written by code running the repository's
// app, so it is outside data: each line is parsed on its own, permissively, and a line that
// does not parse is skipped and counted rather than failing the run.

const MAX_TEXT = 65_536;

const text = z.string().max(MAX_TEXT);
const processId = z.number().int().nonnegative().catch(0);
const threadId = z.number().int().nonnegative().catch(0);

const answerSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("response"),
    status: z.number().int().min(0).max(999),
    body: z.string().catch("").transform((body) => body.slice(0, MAX_TEXT)),
    contentType: z.string().max(500).nullish().transform((value) => value ?? null),
  }),
  z.object({ kind: z.literal("returned"), value: z.string().catch("").transform((value) => value.slice(0, MAX_TEXT)) }),
  z.object({ kind: z.literal("threw"), type: z.string().max(500).catch("Error"), message: z.string().catch("").transform((m) => m.slice(0, MAX_TEXT)) }),
]);

export const oracleRecordSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("exception"),
    pid: processId,
    thread: threadId,
    reason: z.string().max(100).catch("exception"),
    className: z.string().max(500).nullish().transform((value) => value ?? null),
    description: text,
  }),
  z.object({ kind: z.literal("mark"), pid: processId, thread: threadId, attempt: z.string().max(200).nullable() }),
  z.object({ kind: z.literal("answer"), pid: processId, thread: threadId, attempt: z.string().max(200), answer: answerSchema }),
]);

export type OracleRecord = z.infer<typeof oracleRecordSchema>;
