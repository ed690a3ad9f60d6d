export { createApp, type Report } from "./app.ts";
export { HttpError } from "./http-error.ts";
export { parseWidgetVersion, trustsPriority } from "./widget.ts";
