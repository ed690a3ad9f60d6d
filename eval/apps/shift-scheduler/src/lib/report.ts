type Sink = (error: unknown, context: Record<string, unknown>) => void;

let sink: Sink = (error, context) => console.error("unhandled", context, error);

export function reportTo(next: Sink): void {
  sink = next;
}

export function report(error: unknown, context: Record<string, unknown> = {}): void {
  sink(error, context);
}
