import { chooseAssignee, type Load } from "./assignment.ts";
import { respondBy } from "./sla.ts";
import type { Agent, Priority, Product, Ticket, WidgetContext } from "./types.ts";

export const PRODUCTS: Product[] = ["billing", "shipping", "returns", "app"];
export const PRIORITIES: Priority[] = ["low", "normal", "high", "urgent"];

export interface NewTicket {
  customerId: string;
  product: Product;
  priority: Priority;
  subject: string;
  body: string;
  context: WidgetContext | null;
}

export class TicketDesk {
  readonly #tickets = new Map<string, Ticket>();
  #seq = 40_000;

  constructor(
    private readonly agents: Agent[],
    private readonly clock: () => Date = () => new Date(),
  ) {}

  load(): Load {
    const load: Load = {};
    for (const ticket of this.#tickets.values()) {
      if (ticket.assignee && ticket.status !== "solved") load[ticket.assignee] = (load[ticket.assignee] ?? 0) + 1;
    }
    return load;
  }

  open(input: NewTicket): Ticket {
    const now = this.clock();
    this.#seq += 1;
    const ticket: Ticket = {
      id: `T-${this.#seq}`,
      ...input,
      assignee: chooseAssignee(input, this.agents, this.load()),
      status: "open",
      createdAt: now.toISOString(),
      respondBy: respondBy(now, input.priority),
    };
    this.#tickets.set(ticket.id, ticket);
    return ticket;
  }

  get(id: string): Ticket | undefined {
    return this.#tickets.get(id);
  }

  forCustomer(customerId: string): Ticket[] {
    return [...this.#tickets.values()].filter((ticket) => ticket.customerId === customerId);
  }

  solve(id: string): Ticket | undefined {
    const ticket = this.#tickets.get(id);
    if (ticket) ticket.status = "solved";
    return ticket;
  }
}
