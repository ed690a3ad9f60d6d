export { createApp, type ErrorSink } from "./app.ts";
export { createStore, type Message, type Room, type Store } from "./store/memory.ts";
export * as seed from "./seed.ts";
