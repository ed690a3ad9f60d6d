// Import boundaries of src/, checked in CI (`npm run check:imports`). Imports point down the
// layers; stages import each other only where docs/ARCHITECTURE.md's allow-list says so (the
// list is read from that page, so the page and the check cannot disagree); nothing forms a cycle,
// type-only imports included.
const { readFileSync } = require("node:fs");
const { join } = require("node:path");

/** Each folder of src/ and its layer: a module may import its own layer's folder and lower layers. */
const LAYERS = [
  { rank: 0, folders: ["core"] },
  { rank: 1, folders: ["config"] },
  { rank: 2, folders: ["store"] },
  { rank: 2, folders: ["adapters", "llm"] },
  { rank: 3, folders: ["ingest", "detect", "diagnose", "reproduce", "fix", "decide", "deliver", "monitor", "learn"], stages: true },
  { rank: 4, folders: ["missions"] },
  { rank: 5, folders: ["cycles"] },
  { rank: 6, folders: ["heal", "webhooks"] },
];

const folderLayer = new Map(LAYERS.flatMap((layer) => layer.folders.map((folder) => [folder, layer])));
const stages = LAYERS.find((layer) => layer.stages).folders;

/** `from -> to, to` lines between the stage-imports markers of docs/ARCHITECTURE.md. */
function readStageAllowList(architecturePath) {
  const text = readFileSync(architecturePath, "utf8");
  const block = /<!-- stage-imports:start -->([\s\S]*?)<!-- stage-imports:end -->/.exec(text);
  if (!block) throw new Error(`${architecturePath}: no <!-- stage-imports:start --> … <!-- stage-imports:end --> block`);
  const allowed = new Map(stages.map((stage) => [stage, new Set()]));
  for (const line of block[1].split("\n")) {
    const match = /^\s*[-*]?\s*`?([a-z-]+)`?\s*(?:->|→)\s*(.+)$/.exec(line);
    if (!match) continue;
    const [, from, targets] = match;
    if (!allowed.has(from)) throw new Error(`${architecturePath}: ${from} in the stage allow-list is not a stage`);
    for (const target of targets.split(/[,\s`]+/).filter(Boolean)) {
      if (!allowed.has(target)) throw new Error(`${architecturePath}: ${target} in the stage allow-list is not a stage`);
      allowed.get(from).add(target);
    }
  }
  return allowed;
}

const allowList = readStageAllowList(join(__dirname, "docs", "ARCHITECTURE.md"));
const other = (folders) => `^src/(${folders.join("|")})/`;

const forbidden = [
  {
    name: "no-cycle",
    comment: "An import cycle, type-only imports included: move the shared type down to where both can import it.",
    severity: "error",
    from: { path: "^src/" },
    to: { circular: true },
  },
  {
    name: "src-stays-in-src",
    comment: "src/ never imports scripts/, tests/, supabase/ or bin/: it is the core those import.",
    severity: "error",
    from: { path: "^src/" },
    to: { path: "^(scripts|tests|supabase|bin|examples|eval)/" },
  },
  {
    name: "forges-stay-apart",
    comment: "One forge implementation never imports the other; shared code lives in deliver/ or core/.",
    severity: "error",
    from: { path: "^src/deliver/(github|local-git)/" },
    to: { path: "^src/deliver/(github|local-git)/", pathNot: "^src/deliver/$1/" },
  },
];

// Imports point down: for every folder, the folders of higher layers are forbidden, and so are
// folders of its own layer other than itself (stages excepted: their allow-list follows).
for (const [folder, layer] of folderLayer) {
  const above = [...folderLayer].filter(([other, otherLayer]) => otherLayer.rank > layer.rank || (otherLayer.rank === layer.rank && other !== folder && !layer.stages)).map(([other]) => other);
  if (above.length === 0) continue;
  forbidden.push({
    name: "imports-point-down",
    comment: `src/${folder} (layer ${layer.rank}) may not import a folder of its own or a higher layer.`,
    severity: "error",
    from: { path: `^src/${folder}/` },
    to: { path: other(above) },
  });
}

for (const stage of stages) {
  const notAllowed = stages.filter((other) => other !== stage && !allowList.get(stage).has(other));
  if (notAllowed.length === 0) continue;
  forbidden.push({
    name: "stage-allow-list",
    comment: `src/${stage} may import only the stages docs/ARCHITECTURE.md allows it (${[...allowList.get(stage)].join(", ") || "none"}).`,
    severity: "error",
    from: { path: `^src/${stage}/` },
    to: { path: other(notAllowed) },
  });
}

forbidden.push({
  name: "no-unknown-folder",
  comment: "Every folder of src/ has a layer in .dependency-cruiser.cjs; add the new one there and to docs/ARCHITECTURE.md.",
  severity: "error",
  from: { path: "^src/", pathNot: `^src/(${[...folderLayer.keys()].join("|")})/` },
  to: {},
});

module.exports = {
  forbidden,
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^src/store/generated/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { extensions: [".ts", ".js", ".mjs", ".json"] },
  },
};
