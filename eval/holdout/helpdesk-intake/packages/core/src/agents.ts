import type { Agent } from "./types.ts";

export const ROSTER: Agent[] = [
  { id: "ag_amal", name: "Amal", skills: ["billing", "returns"], online: true, capacity: 6 },
  { id: "ag_bjorn", name: "Björn", skills: ["shipping", "returns"], online: true, capacity: 5 },
  { id: "ag_chiara", name: "Chiara", skills: ["billing"], online: true, capacity: 4 },
  { id: "ag_dmitri", name: "Dmitri", skills: ["shipping"], online: false, capacity: 6 },
  { id: "ag_esme", name: "Esmé", skills: ["returns", "shipping"], online: true, capacity: 3 },
];
