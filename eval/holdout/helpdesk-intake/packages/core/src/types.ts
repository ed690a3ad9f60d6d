export type Priority = "low" | "normal" | "high" | "urgent";
export type Product = "billing" | "shipping" | "returns" | "app";

export interface Agent {
  id: string;
  name: string;
  skills: Product[];
  online: boolean;
  /** Open tickets an agent takes at most. */
  capacity: number;
}

export interface WidgetContext {
  page?: string;
  locale?: string;
  appVersion?: string;
}

export interface Ticket {
  id: string;
  customerId: string;
  product: Product;
  priority: Priority;
  subject: string;
  body: string;
  assignee: string | null;
  status: "open" | "pending" | "solved";
  context: WidgetContext | null;
  createdAt: string;
  respondBy: string;
}
