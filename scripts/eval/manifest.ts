import { z } from "zod";

// The manifest of an evaluation app (eval/README.md): what its bugs and decoys are and how its
// held-back tests run. Parsed strictly: a manifest the harness misreads would score nonsense.

const eventMatch = z.object({ errorType: z.string().min(1), messageIncludes: z.string(), file: z.string().min(1) });

const manifestSchema = z.object({
  name: z.string().min(1),
  style: z.string().min(1),
  language: z.string().min(1),
  module: z.string().min(1),
  runner: z.string().min(1),
  testCommand: z.string().min(1),
  release: z.string().min(1),
  bugs: z.array(
    z.object({
      id: z.string().min(1),
      kind: z.string(),
      match: eventMatch,
      hidden: z.object({ files: z.array(z.object({ from: z.string().min(1), to: z.string().min(1) })).min(1), command: z.string().min(1) }),
    }),
  ),
  decoys: z.array(z.object({ id: z.string().min(1), kind: z.string(), match: eventMatch })).default([]),
});

export type AppManifest = z.infer<typeof manifestSchema>;
export type EventMatch = z.infer<typeof eventMatch>;

export function parseAppManifest(raw: unknown, where: string): AppManifest {
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${where}/.eval/manifest.json: ${issue.path.join(".") || "(root)"}: ${issue.message}`);
  }
  return parsed.data;
}
