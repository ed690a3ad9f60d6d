import { createHash, timingSafeEqual } from "node:crypto";

// API keys look like "<projectId>.<secret>"; we keep only a hash of the secret.
export interface Project {
  id: string;
  name: string;
  secretSha256: string;
  pointsPerMinute: number;
}

const sha = (text: string) => createHash("sha256").update(text).digest("hex");

export function createProjects(entries: Array<{ id: string; name: string; secret: string; pointsPerMinute: number }>) {
  const projects = new Map<string, Project>(entries.map((e) => [e.id, { id: e.id, name: e.name, secretSha256: sha(e.secret), pointsPerMinute: e.pointsPerMinute }]));
  return {
    authenticate(projectId: string, secret: string): Project | null {
      const project = projects.get(projectId);
      if (!project || !secret) return null;
      const given = Buffer.from(sha(secret), "hex");
      return timingSafeEqual(given, Buffer.from(project.secretSha256, "hex")) ? project : null;
    },
  };
}

export type Projects = ReturnType<typeof createProjects>;
