export { chooseAssignee, leastLoaded, type Load } from "./assignment.ts";
export { ROSTER } from "./agents.ts";
export { FIRST_RESPONSE, respondBy } from "./sla.ts";
export { PRIORITIES, PRODUCTS, TicketDesk, type NewTicket } from "./tickets.ts";
export type * from "./types.ts";
