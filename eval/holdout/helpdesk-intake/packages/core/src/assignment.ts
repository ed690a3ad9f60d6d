import type { Agent, Ticket } from "./types.ts";

export type Load = Record<string, number>;

function hasRoom(agent: Agent, load: Load): boolean {
  return agent.online && (load[agent.id] ?? 0) < agent.capacity;
}

/** The online agent with the fewest open tickets relative to capacity, or null. */
export function leastLoaded(agents: Agent[], load: Load): string | null {
  const online = agents.filter((agent) => agent.online);
  online.sort((a, b) => (load[a.id] ?? 0) / a.capacity - (load[b.id] ?? 0) / b.capacity || a.id.localeCompare(b.id));
  return online[0]?.id ?? null;
}

/**
 * A skilled agent with room takes the ticket; otherwise it waits in the product queue.
 * Urgent tickets never wait: they go to whoever is least loaded.
 */
export function chooseAssignee(ticket: Pick<Ticket, "product" | "priority">, agents: Agent[], load: Load): string | null {
  const skilled = agents.filter((agent) => agent.skills.includes(ticket.product) && hasRoom(agent, load));
  skilled.sort((a, b) => (load[a.id] ?? 0) - (load[b.id] ?? 0) || a.id.localeCompare(b.id));
  const assignee = skilled[0]?.id ?? null;
  if (assignee === null && ticket.priority === "urgent") {
    assignee = leastLoaded(agents, load);
  }
  return assignee;
}
