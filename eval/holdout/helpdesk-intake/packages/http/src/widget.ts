/** "5.3.0" → [5, 3, 0]; anything else (old widgets send nothing, bots send junk) → null. */
export function parseWidgetVersion(header: string | undefined): [number, number, number] | null {
  const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(header?.trim() ?? "");
  if (!match) return null;
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** Widgets from 5.0 on let the customer pick a priority; older ones always mean "normal". */
export function trustsPriority(version: [number, number, number] | null): boolean {
  return version !== null && version[0] >= 5;
}
