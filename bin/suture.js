#!/usr/bin/env node
// Node 20 cannot run TypeScript by itself; tsx compiles the CLI's sources on the fly.
import { register } from "tsx/esm/api";

register();
await import("../scripts/cli/main.ts");
