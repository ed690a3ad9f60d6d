#!/usr/bin/env node
// node eval/tools/copy-app.mjs <app-dir> <dest> [--release <tag>] [--no-node-modules]
//
// Makes the copy a healer sees (see app-copy.mjs) and prints its folder, commit and tag.

import { parseArgs } from "node:util";
import { copyApp } from "./app-copy.mjs";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    release: { type: "string" },
    "no-node-modules": { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});

if (values.help || positionals.length !== 2) {
  console.error("usage: copy-app.mjs <app-dir> <dest> [--release <tag>] [--no-node-modules]");
  process.exit(values.help ? 0 : 2);
}

try {
  const copy = await copyApp(positionals[0], positionals[1], {
    ...(values.release ? { release: values.release } : {}),
    ...(values["no-node-modules"] ? { nodeModules: false } : {}),
  });
  console.log(`${copy.dir}\ncommit ${copy.commit}\ntag ${copy.tag}`);
} catch (error) {
  console.error(`copy-app: ${error.message}`);
  process.exit(1);
}
