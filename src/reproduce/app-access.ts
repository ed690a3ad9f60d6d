import type * as t from "@babel/types";
import { boundNames, isFunctionNode, unwrapTs, walk } from "../fix/ast-tools.ts";
import { type LambdaFacts, lambdaFacts, readsApiGatewayEvent } from "./lambda-event.ts";
import { exportValue, type Framework, frameworkOfExpression, type ModuleFacts, topLevelDeclaration } from "./module-facts.ts";
import { expectsPromisedParams, HTTP_METHODS, isRouteFile, readsNextUrl } from "./next-route.ts";
import { extractSetup } from "./test-setup.ts";
import { dirnameOf } from "../fix/posix-path.ts";

// Finding how to get at the app, from the repository rather than from a list of frameworks:
// first how the repository's own tests drive it (what they import, how they construct it, and
// what they do with it: `.inject(`, `.request(`, `.fetch(`, `createServer(app)`, a helper that
// sends a method and a path), then what the modules on the stack and the modules importing them
// export (an app instance, a factory that returns one, a Next route handler, a Lambda handler, a
// node:http listener or server, a fetch handler), skipping any module that starts listening
// when imported. Every access says why it was chosen, and every module passed over says why.

export type AccessKind =
  /** Express apps and plain `(req, res)` listeners, served on an ephemeral node:http server. */
  | "http-listener"
  /** A Koa app: served through `app.callback()`. */
  | "koa"
  /** A node:http Server that is not listening yet. */
  | "http-server"
  | "fastify"
  | "hono"
  /** An object with `fetch(request)`. */
  | "fetch-object"
  /** A function `(request: Request) => Response`. */
  | "fetch-function"
  | "next-route"
  | "lambda"
  /** An exported function on the stack that takes the request's parts (method, path, body, …). */
  | "request-call";

/** A module import the test must render for its own location and module syntax. */
export interface ModuleImport {
  module: string;
  /** "default", "*" (namespace or whole CommonJS module) or an export name. */
  name: string;
  local: string;
  system: "esm" | "cjs";
}

export interface AppHandle {
  /** Verbatim import lines from a test, or module imports to render. */
  imports: Array<string | ModuleImport>;
  /** Verbatim statements that construct the app. */
  statements: string[];
  teardown: string[];
  /** The expression holding the app (or handler) once the statements ran. */
  expression: string;
  /** The test file the setup was taken from; a new test goes beside it. */
  testFile: string | null;
}

export type RequestRole =
  | { kind: "method" }
  | { kind: "path"; withQuery: boolean }
  /** `raw`: the function parses the text itself (`JSON.parse(body)`). */
  | { kind: "body"; raw: boolean }
  | { kind: "query" }
  | { kind: "headers" }
  | { kind: "request"; fields: string[]; fetchRequest: boolean; rawBody: boolean }
  | { kind: "omitted" };

export interface RequestCallFacts {
  roles: RequestRole[];
  isAsync: boolean;
  /** The key the function's answers carry their status in (`status`, `statusCode`), if any. */
  statusKey: string | null;
}

export interface NextRouteFacts {
  method: string;
  routeFile: string;
  promisedParams: boolean;
  nextUrl: boolean;
}

export interface AppAccess {
  kind: AccessKind;
  handle: AppHandle;
  /** The application module the access reaches (the app's, or the route's, module). */
  module: string;
  framework: Framework | null;
  /** For a person: how the app is reached and why this way. */
  why: string;
  lambda?: LambdaFacts;
  next?: NextRouteFacts;
  call?: RequestCallFacts;
  /** How the test reads an answer's status, when its own tests show it (`statusCode`). */
  statusKey?: string | null;
}

export interface DiscoveryInput {
  modules: ReadonlyMap<string, ModuleFacts>;
  /** Test files among the modules. */
  tests: readonly string[];
  /** In-app frames of the sample, nearest the throw first. */
  stack: ReadonlyArray<{ file: string; function: string | null }>;
}

export interface Discovery {
  accesses: AppAccess[];
  /** Modules and tests passed over, and why. */
  notes: string[];
}

const MAX_GRAPH_DEPTH = 6;

export function discoverAppAccess(input: DiscoveryInput): Discovery {
  const notes: string[] = [];
  const distance = connectedModules(input);
  const accesses: AppAccess[] = [];
  accesses.push(...fromTests(input, distance, notes));
  accesses.push(...fromModules(input, distance, notes));
  accesses.push(...requestCalls(input, notes));
  return { accesses: dedupe(accesses), notes };
}

/** Modules that are on the stack or import a module on it (transitively), with their distance. */
function connectedModules(input: DiscoveryInput): Map<string, number> {
  const importers = new Map<string, string[]>();
  for (const facts of input.modules.values()) {
    for (const fact of facts.imports) {
      if (fact.resolved === null || fact.typeOnly) continue;
      const list = importers.get(fact.resolved) ?? [];
      list.push(facts.path);
      importers.set(fact.resolved, list);
    }
  }
  const distance = new Map<string, number>();
  let frontier = [...new Set(input.stack.map((frame) => frame.file))].filter((file) => input.modules.has(file));
  for (const file of frontier) distance.set(file, 0);
  for (let depth = 1; depth <= MAX_GRAPH_DEPTH && frontier.length > 0; depth += 1) {
    const next: string[] = [];
    for (const file of frontier) {
      for (const importer of importers.get(file) ?? []) {
        if (distance.has(importer)) continue;
        distance.set(importer, depth);
        next.push(importer);
      }
    }
    frontier = next;
  }
  return distance;
}

// ---- how the repository's tests drive the app -----------------------------------------------

type Usage =
  | { kind: "member"; method: "inject" | "request" | "fetch" | "callback" | "listen" }
  | { kind: "listener" }
  | { kind: "fetch-call" }
  | { kind: "lambda-call" }
  | { kind: "route-call"; method: string };

interface Site {
  handle: string;
  node: t.Node;
  usage: Usage;
}

const MEMBER_USAGES = new Set(["inject", "request", "fetch", "callback", "listen"]);

function fromTests(input: DiscoveryInput, distance: ReadonlyMap<string, number>, notes: string[]): AppAccess[] {
  const found: Array<{ access: AppAccess; rank: number }> = [];
  for (const path of input.tests) {
    const test = input.modules.get(path);
    if (!test) continue;
    const done = new Set<string>();
    for (const site of requestSites(test, input.modules)) {
      if (done.has(site.handle)) continue;
      const setup = extractSetup(test, site.handle, site.node);
      // Inside a helper the name is a parameter; the helper's callers show where it comes from.
      if (!setup.ok) continue;
      done.add(site.handle);
      const origin = originModule(test, setup.setup.imports, input.modules, distance);
      if (origin === null) continue;
      const originFacts = input.modules.get(origin)!;
      const framework = moduleFramework(originFacts, input.modules);
      // What the test itself builds wins: `server = http.createServer(app.callback())` is a server.
      const built = builtFramework(test, site.handle);
      const kind = built === "node-http" ? "http-server" : kindOfUsage(site.usage, built ?? framework, origin);
      if (kind === null) continue;
      const access: AppAccess = {
        kind,
        handle: { imports: setup.setup.imports, statements: setup.setup.statements, teardown: setup.setup.teardown, expression: site.handle, testFile: path },
        module: origin,
        framework,
        why: `${path} builds \`${site.handle}\` from ${origin} and drives it with ${describeUsage(site.usage, site.handle)}`,
        statusKey: statusKeyRead(test),
      };
      if (kind === "lambda") access.lambda = lambdaOf(originFacts, site.handle, test) ?? undefined;
      if (kind === "next-route" && site.usage.kind === "route-call") {
        const next = nextRouteOf(originFacts, site.usage.method);
        if (next === null) continue;
        access.next = next;
      }
      if (kind === "lambda" && !access.lambda) continue;
      found.push({ access, rank: distance.get(origin) ?? MAX_GRAPH_DEPTH });
    }
  }
  return found.sort((a, b) => a.rank - b.rank).map((entry) => entry.access);
}

/** Where a test sends requests: the name it sends them through, and how. */
function requestSites(test: ModuleFacts, modules: ReadonlyMap<string, ModuleFacts>): Site[] {
  const sites: Site[] = [];
  const routeImports = new Map<string, string>();
  for (const fact of test.imports) {
    if (fact.resolved === null || !isRouteFile(fact.resolved)) continue;
    for (const binding of fact.bindings) if ((HTTP_METHODS as readonly string[]).includes(binding.imported)) routeImports.set(binding.local, binding.imported);
  }
  walk(test.program, (node) => {
    if (node.type !== "CallExpression") return undefined;
    const callee = unwrapTs(node.callee);
    if (callee.type === "MemberExpression" && !callee.computed && callee.property.type === "Identifier" && MEMBER_USAGES.has(callee.property.name)) {
      const object = unwrapTs(callee.object);
      if (object.type === "Identifier") sites.push({ handle: object.name, node, usage: { kind: "member", method: callee.property.name as "inject" } });
    }
    const calleeName = callee.type === "Identifier" ? callee.name : callee.type === "MemberExpression" && callee.property.type === "Identifier" ? callee.property.name : null;
    if (callee.type === "Identifier") {
      const first = node.arguments[0] ? unwrapTs(node.arguments[0]) : null;
      const routeMethod = routeImports.get(callee.name);
      if (routeMethod) sites.push({ handle: callee.name, node, usage: { kind: "route-call", method: routeMethod } });
      else if (first?.type === "NewExpression" && first.callee.type === "Identifier" && first.callee.name === "Request") sites.push({ handle: callee.name, node, usage: { kind: "fetch-call" } });
      else if (first && looksLikeEvent(first)) sites.push({ handle: callee.name, node, usage: { kind: "lambda-call" } });
    }
    for (const [index, arg] of node.arguments.entries()) {
      const value = unwrapTs(arg);
      if (value.type !== "Identifier") continue;
      if (calleeName === "createServer" || isSupertest(calleeName, test)) {
        sites.push({ handle: value.name, node, usage: { kind: "listener" } });
        continue;
      }
      const usage = helperUsage(test, calleeName, index, modules);
      if (usage) sites.push({ handle: value.name, node, usage });
    }
    return undefined;
  });
  return sites;
}

function looksLikeEvent(node: t.Node): boolean {
  if (node.type === "Identifier") return /event/i.test(node.name);
  if (node.type !== "ObjectExpression") return false;
  return node.properties.some((p) => p.type === "ObjectProperty" && p.key.type === "Identifier" && /^(?:httpMethod|requestContext|rawPath|routeKey|pathParameters)$/.test(p.key.name));
}

function isSupertest(name: string | null, test: ModuleFacts): boolean {
  if (name === null) return false;
  return test.packageBindings.get(name)?.source === "supertest";
}

/** How a helper (`call(app, "GET", "/users")`) uses the argument at `index`. */
function helperUsage(test: ModuleFacts, name: string | null, index: number, modules: ReadonlyMap<string, ModuleFacts>): Usage | null {
  if (name === null) return null;
  let fn: t.Node | null = topLevelDeclaration(test, name);
  let owner = test;
  if (fn === null) {
    const fact = test.imports.find((imp) => imp.bindings.some((binding) => binding.local === name));
    const binding = fact?.bindings.find((b) => b.local === name);
    const helper = fact?.resolved ? modules.get(fact.resolved) : undefined;
    if (!helper || !binding) return null;
    const exported = helper.exports.find((e) => e.name === binding.imported);
    if (!exported) return null;
    fn = exportValue(helper, exported);
    owner = helper;
  }
  if (!fn || !isFunctionNode(fn)) return null;
  const param = fn.params[index];
  const paramName = param ? boundNames(param)[0]?.name : undefined;
  if (!paramName) return null;
  let usage: Usage | null = null;
  walk(fn.body, (node) => {
    if (usage !== null || node.type !== "CallExpression") return usage === null ? undefined : false;
    const callee = unwrapTs(node.callee);
    if (callee.type === "MemberExpression" && !callee.computed && callee.property.type === "Identifier" && MEMBER_USAGES.has(callee.property.name)) {
      const object = unwrapTs(callee.object);
      if (object.type === "Identifier" && object.name === paramName) usage = { kind: "member", method: callee.property.name as "inject" };
    }
    const calleeName = callee.type === "Identifier" ? callee.name : callee.type === "MemberExpression" && callee.property.type === "Identifier" ? callee.property.name : null;
    if ((calleeName === "createServer" || isSupertest(calleeName, owner)) && node.arguments.some((arg) => unwrapTs(arg).type === "Identifier" && (unwrapTs(arg) as t.Identifier).name === paramName)) {
      usage = { kind: "listener" };
    }
    if (callee.type === "Identifier" && callee.name === paramName) {
      const first = node.arguments[0] ? unwrapTs(node.arguments[0]) : null;
      if (first?.type === "NewExpression" && first.callee.type === "Identifier" && first.callee.name === "Request") usage = { kind: "fetch-call" };
      else if (first && looksLikeEvent(first)) usage = { kind: "lambda-call" };
    }
    return undefined;
  });
  return usage;
}

/** The connected application module a setup's imports reach, directly or through test helpers. */
function originModule(test: ModuleFacts, imports: readonly string[], modules: ReadonlyMap<string, ModuleFacts>, distance: ReadonlyMap<string, number>): string | null {
  const used = test.imports.filter((fact) => fact.statement !== null && imports.some((line) => line === sourceText(test, fact.statement!)));
  let best: { path: string; rank: number } | null = null;
  const visit = (path: string, hops: number, seen: Set<string>): void => {
    if (seen.has(path) || hops > 3) return;
    seen.add(path);
    const rank = distance.get(path);
    if (rank !== undefined) {
      if (best === null || rank + hops < best.rank) best = { path, rank: rank + hops };
      return;
    }
    const facts = modules.get(path);
    if (!facts) return;
    for (const fact of facts.imports) if (fact.resolved && !fact.typeOnly) visit(fact.resolved, hops + 1, seen);
  };
  const seen = new Set<string>();
  for (const fact of used) if (fact.resolved && !fact.typeOnly) visit(fact.resolved, 0, seen);
  return (best as { path: string } | null)?.path ?? null;
}

function sourceText(facts: ModuleFacts, node: t.Node): string {
  return facts.source.slice(node.start ?? 0, node.end ?? 0);
}

/** The framework value a test assigns to a name (`const server = http.createServer(…)`), if any. */
function builtFramework(test: ModuleFacts, name: string): Framework | null {
  let found: Framework | null = null;
  walk(test.program, (node) => {
    if (found) return false;
    if (node.type === "VariableDeclarator" && node.id.type === "Identifier" && node.id.name === name && node.init) found = frameworkOfExpression(node.init, test);
    if (node.type === "AssignmentExpression" && node.left.type === "Identifier" && node.left.name === name) found = frameworkOfExpression(node.right, test);
    return undefined;
  });
  return found;
}

function kindOfUsage(usage: Usage, framework: Framework | null, origin: string): AccessKind | null {
  switch (usage.kind) {
    case "route-call":
      return "next-route";
    case "fetch-call":
      return isRouteFile(origin) ? "next-route" : "fetch-function";
    case "lambda-call":
      return "lambda";
    case "listener":
      return framework === "koa" ? "koa" : "http-listener";
    case "member":
      switch (usage.method) {
        case "inject":
          return "fastify";
        case "request":
          return framework === "hono" || framework === null ? "hono" : null;
        case "fetch":
          return framework === "hono" ? "hono" : "fetch-object";
        case "callback":
          return "koa";
        case "listen":
          if (framework === "koa") return "koa";
          if (framework === "fastify") return "fastify";
          if (framework === "node-http") return "http-server";
          return framework === "express" ? "http-listener" : null;
      }
  }
}

function describeUsage(usage: Usage, handle: string): string {
  switch (usage.kind) {
    case "member":
      return `\`${handle}.${usage.method}(…)\``;
    case "listener":
      return `\`createServer(${handle})\``;
    case "fetch-call":
      return `\`${handle}(new Request(…))\``;
    case "lambda-call":
      return `\`${handle}(event)\``;
    case "route-call":
      return `\`${handle}(request, { params })\``;
  }
}

/** The framework a module builds its app with: its own imports first, then the modules it imports. */
function moduleFramework(facts: ModuleFacts, modules: ReadonlyMap<string, ModuleFacts>, depth = 0): Framework | null {
  const own = [...facts.frameworkValues.values()][0];
  if (own) return own;
  const imported = new Set([...facts.packageBindings.values()].map((binding) => binding.source));
  for (const [source, framework] of [["express", "express"], ["fastify", "fastify"], ["hono", "hono"], ["koa", "koa"]] as const) {
    if (imported.has(source)) return framework;
  }
  if ([...imported].some((source) => /^(?:node:)?https?$/.test(source))) return "node-http";
  if (depth >= 2) return null;
  for (const fact of facts.imports) {
    const next = fact.resolved ? modules.get(fact.resolved) : undefined;
    const framework = next ? moduleFramework(next, modules, depth + 1) : null;
    if (framework) return framework;
  }
  return null;
}

/** `response.statusCode` read in a test says how its answers carry their status. */
function statusKeyRead(test: ModuleFacts): string | null {
  let key: string | null = null;
  walk(test.program, (node) => {
    if (key !== null) return false;
    if (node.type === "MemberExpression" && !node.computed && node.property.type === "Identifier" && (node.property.name === "statusCode" || node.property.name === "status")) {
      key = node.property.name;
    }
    return undefined;
  });
  return key;
}

// ---- what the modules offer -----------------------------------------------------------------

function fromModules(input: DiscoveryInput, distance: ReadonlyMap<string, number>, notes: string[]): AppAccess[] {
  const found: Array<{ access: AppAccess; rank: number }> = [];
  const testSet = new Set(input.tests);
  for (const [path, rank] of [...distance.entries()].sort((a, b) => a[1] - b[1])) {
    if (testSet.has(path)) continue;
    const facts = input.modules.get(path);
    if (!facts) continue;
    const offered = moduleAccesses(facts, input.modules);
    if (offered.length === 0) continue;
    if (facts.listensAtLoad) {
      notes.push(`${path} starts listening when imported, so it is not imported; export the app from a module of its own to let Suture replay requests against it`);
      continue;
    }
    for (const access of offered) found.push({ access, rank });
  }
  return found.sort((a, b) => a.rank - b.rank).map((entry) => entry.access);
}

/** Every way a module's exports give access to the app. */
export function moduleAccesses(facts: ModuleFacts, modules: ReadonlyMap<string, ModuleFacts>): AppAccess[] {
  const accesses: AppAccess[] = [];
  const path = facts.path;
  for (const exported of facts.exports) {
    const value = exportValue(facts, exported);
    const local = importLocal(exported.name, exported.local, path);
    const importSpec: ModuleImport = { module: path, name: exported.name, local, system: exported.system };
    const staticHandle = (expression: string, statements: string[] = []): AppHandle => ({ imports: [importSpec], statements, teardown: [], expression, testFile: null });

    if (isRouteFile(path) && (HTTP_METHODS as readonly string[]).includes(exported.name) && isFunctionNode(value)) {
      accesses.push({
        kind: "next-route",
        handle: staticHandle(local),
        module: path,
        framework: null,
        why: `${path} is a Next.js route handler exporting ${exported.name}`,
        next: { method: exported.name, routeFile: path, promisedParams: expectsPromisedParams(value, facts.source), nextUrl: readsNextUrl(value) },
      });
      continue;
    }
    const framework = valueFramework(value, facts);
    if (framework !== null) {
      accesses.push({ kind: frameworkKind(framework), handle: staticHandle(local), module: path, framework, why: `${path} exports the ${frameworkName(framework)} ${exported.name === "default" ? "app as its default export" : `app \`${exported.name}\``}` });
      continue;
    }
    if (!isFunctionNode(value)) {
      if (value.type === "ObjectExpression" && hasFetchMember(value)) {
        accesses.push({ kind: "fetch-object", handle: staticHandle(local), module: path, framework: null, why: `${path} exports an object with a fetch(request) handler` });
      }
      continue;
    }
    const factory = factoryFramework(value, facts, modules);
    if (factory !== null) {
      if (requiredParams(value) > 0) continue;
      const appName = local === "app" ? "server" : "app";
      accesses.push({
        kind: factory.kind,
        handle: staticHandle(appName, [`const ${appName} = ${value.async ? "await " : ""}${local}()`]),
        module: path,
        framework: factory.framework,
        why: `${path} exports ${exported.name === "default" ? "a default" : `\`${exported.name}\``}, a factory returning the ${factory.framework ? frameworkName(factory.framework) : "fetch"} app`,
      });
      continue;
    }
    if (readsApiGatewayEvent(value, facts.source) && (exported.name === "handler" || /^(?:event|evt|e)$/.test(paramName(value, 0) ?? ""))) {
      accesses.push({ kind: "lambda", handle: staticHandle(local), module: path, framework: null, why: `${path} exports \`${exported.name}\`, an API Gateway Lambda handler`, lambda: lambdaFacts(value, facts.source) });
      continue;
    }
    if (isNodeListener(value)) {
      accesses.push({ kind: "http-listener", handle: staticHandle(local), module: path, framework: "node-http", why: `${path} exports \`${exported.name}\`, a node:http request listener` });
      continue;
    }
    if (isFetchFunction(value)) {
      accesses.push({ kind: "fetch-function", handle: staticHandle(local), module: path, framework: null, why: `${path} exports \`${exported.name}\`, a fetch-style handler taking a Request` });
    }
  }
  return accesses;
}

function importLocal(name: string, local: string | null, path: string): string {
  if (name !== "default" && name !== "*") return name;
  if (local !== null && /^[A-Za-z_$][\w$]*$/.test(local)) return local;
  const stem = path.slice(path.lastIndexOf("/") + 1).replace(/\..*$/, "").replace(/[^\w$]+(\w)/g, (_m, c: string) => c.toUpperCase());
  return /^[A-Za-z_$][\w$]*$/.test(stem) && !/^(?:index|route|default)$/.test(stem) ? stem : "app";
}

function valueFramework(value: t.Node, facts: ModuleFacts): Framework | null {
  const direct = frameworkOfExpression(value, facts);
  if (direct) return direct;
  if (value.type === "Identifier") return facts.frameworkValues.get(value.name) ?? null;
  return null;
}

function frameworkKind(framework: Framework): AccessKind {
  switch (framework) {
    case "express":
      return "http-listener";
    case "koa":
      return "koa";
    case "fastify":
      return "fastify";
    case "hono":
      return "hono";
    case "node-http":
      return "http-server";
  }
}

function frameworkName(framework: Framework): string {
  return { express: "Express", koa: "Koa", fastify: "Fastify", hono: "Hono", "node-http": "node:http" }[framework];
}

function hasFetchMember(object: t.ObjectExpression): boolean {
  return object.properties.some(
    (p) => (p.type === "ObjectMethod" || p.type === "ObjectProperty") && !p.computed && p.key.type === "Identifier" && p.key.name === "fetch",
  );
}

/** A function that returns a framework app (`createApp()`, `async function build()`). */
function factoryFramework(fn: t.Function, facts: ModuleFacts, modules: ReadonlyMap<string, ModuleFacts>): { kind: AccessKind; framework: Framework | null } | null {
  const locals = new Map<string, Framework>();
  walk(fn.body, (node) => {
    if (node.type === "VariableDeclarator" && node.id.type === "Identifier" && node.init) {
      const framework = frameworkOfExpression(node.init, facts);
      if (framework) locals.set(node.id.name, framework);
    }
    return undefined;
  });
  for (const returned of returnedExpressions(fn)) {
    const value = unwrapTs(returned.type === "AwaitExpression" ? returned.argument : returned);
    const framework = frameworkOfExpression(value, facts) ?? (value.type === "Identifier" ? locals.get(value.name) ?? facts.frameworkValues.get(value.name) ?? null : null);
    if (framework) return { kind: frameworkKind(framework), framework };
    if (value.type === "ObjectExpression" && hasFetchMember(value)) return { kind: "fetch-object", framework: moduleFramework(facts, modules) };
  }
  return null;
}

function returnedExpressions(fn: t.Function): t.Node[] {
  if (fn.body.type !== "BlockStatement") return [fn.body];
  const found: t.Node[] = [];
  walk(fn.body, (node) => {
    if (node !== fn.body && isFunctionNode(node)) return false;
    if (node.type === "ReturnStatement" && node.argument) found.push(node.argument);
    return undefined;
  });
  return found;
}

function requiredParams(fn: t.Function): number {
  return fn.params.filter((param) => param.type !== "AssignmentPattern" && param.type !== "RestElement" && !(param.type === "Identifier" && param.optional)).length;
}

function paramName(fn: t.Function, index: number): string | null {
  const param = fn.params[index];
  return param ? boundNames(param)[0]?.name ?? null : null;
}

function isNodeListener(fn: t.Function): boolean {
  const res = paramName(fn, 1);
  if (res === null || fn.params.length > 3) return false;
  let writes = false;
  walk(fn.body, (node) => {
    if (writes) return false;
    if ((node.type === "MemberExpression" || node.type === "OptionalMemberExpression") && !node.computed && node.property.type === "Identifier") {
      const object = unwrapTs(node.object);
      if (object.type === "Identifier" && object.name === res && /^(?:end|writeHead|setHeader|statusCode|write)$/.test(node.property.name)) writes = true;
    }
    return undefined;
  });
  return writes;
}

function isFetchFunction(fn: t.Function): boolean {
  const request = paramName(fn, 0);
  if (request === null || fn.params.length > 2) return false;
  const annotation = fn.params[0]?.type === "Identifier" ? fn.params[0].typeAnnotation : null;
  if (annotation && annotation.type === "TSTypeAnnotation" && annotation.typeAnnotation.type === "TSTypeReference" && annotation.typeAnnotation.typeName.type === "Identifier" && annotation.typeAnnotation.typeName.name === "Request") {
    return true;
  }
  let reads = false;
  let answers = false;
  walk(fn.body, (node) => {
    if ((node.type === "MemberExpression" || node.type === "OptionalMemberExpression") && !node.computed && node.property.type === "Identifier") {
      const object = unwrapTs(node.object);
      if (object.type === "Identifier" && object.name === request && /^(?:url|json|text|formData|headers|method)$/.test(node.property.name)) reads = true;
    }
    if (node.type === "NewExpression" && node.callee.type === "Identifier" && node.callee.name === "Response") answers = true;
    if (node.type === "MemberExpression" && node.object.type === "Identifier" && node.object.name === "Response") answers = true;
    return undefined;
  });
  return reads && answers;
}

// ---- Lambda and Next details ----------------------------------------------------------------

function lambdaOf(facts: ModuleFacts, handle: string, test: ModuleFacts): LambdaFacts | null {
  const fact = test.imports.find((imp) => imp.bindings.some((binding) => binding.local === handle));
  const binding = fact?.bindings.find((b) => b.local === handle);
  const exported = facts.exports.find((e) => e.name === (binding?.imported === "*" ? "default" : binding?.imported)) ?? facts.exports.find((e) => e.name === "handler");
  if (!exported) return null;
  const value = exportValue(facts, exported);
  return isFunctionNode(value) ? lambdaFacts(value, facts.source) : null;
}

function nextRouteOf(facts: ModuleFacts, method: string): NextRouteFacts | null {
  const exported = facts.exports.find((e) => e.name === method);
  if (!exported) return null;
  const value = exportValue(facts, exported);
  if (!isFunctionNode(value)) return null;
  return { method, routeFile: facts.path, promisedParams: expectsPromisedParams(value, facts.source), nextUrl: readsNextUrl(value) };
}

// ---- exported functions that take a request's parts -----------------------------------------

const ROLE_NAMES: Array<[RegExp, RequestRole]> = [
  [/^(?:method|verb|httpMethod)$/, { kind: "method" }],
  [/^(?:url|uri|href|target)$/, { kind: "path", withQuery: true }],
  [/^(?:path|pathname|route)$/, { kind: "path", withQuery: false }],
  [/^(?:body|payload|data|rawBody|input|json|text)$/, { kind: "body", raw: false }],
  [/^(?:query|searchParams|queryParams)$/, { kind: "query" }],
  [/^(?:headers)$/, { kind: "headers" }],
];
const REQUEST_FIELDS = /^(?:method|url|path|pathname|body|rawBody|query|headers|params|json|text)$/;

/** Exported functions on the stack, outermost first, that can be called with the request's parts. */
function requestCalls(input: DiscoveryInput, notes: string[]): AppAccess[] {
  const accesses: AppAccess[] = [];
  const seen = new Set<string>();
  for (const frame of [...input.stack].reverse()) {
    const facts = input.modules.get(frame.file);
    if (!facts || frame.function === null) continue;
    const name = frame.function.replace(/^async\s+/, "").replace(/\s*\[as [^\]]*\]$/, "");
    const short = name.slice(name.lastIndexOf(".") + 1);
    const exported = facts.exports.find((e) => e.name === short || (e.name === "default" && e.local === short));
    if (!exported || seen.has(`${frame.file}:${exported.name}`)) continue;
    seen.add(`${frame.file}:${exported.name}`);
    const value = exportValue(facts, exported);
    if (!isFunctionNode(value)) continue;
    const roles = requestRoles(value);
    if (roles === null) continue;
    if (!roles.some((role) => role.kind === "method" || role.kind === "path" || role.kind === "request")) continue;
    if (facts.listensAtLoad) {
      notes.push(`${frame.file} starts listening when imported; ${short}() is not called from a test`);
      continue;
    }
    const local = importLocal(exported.name, exported.local, frame.file);
    accesses.push({
      kind: "request-call",
      handle: { imports: [{ module: frame.file, name: exported.name, local, system: exported.system }], statements: [], teardown: [], expression: local, testFile: null },
      module: frame.file,
      framework: null,
      why: `${frame.file} exports ${short}(), on the stack, which takes the request's ${roles.filter((r) => r.kind !== "omitted").map((r) => r.kind).join(", ")}`,
      call: { roles, isAsync: value.async === true, statusKey: answerStatusKey(facts) },
    });
  }
  return accesses;
}

/** What each parameter of a function receives from a request; null when one cannot be supplied. */
export function requestRoles(fn: t.Function): RequestRole[] | null {
  const roles: RequestRole[] = [];
  for (const param of fn.params) {
    const optional = param.type === "AssignmentPattern" || (param.type === "Identifier" && param.optional === true);
    const target = param.type === "AssignmentPattern" ? param.left : param;
    if (target.type === "ObjectPattern") {
      const fields = target.properties.flatMap((p) => (p.type === "ObjectProperty" && p.key.type === "Identifier" ? [p.key.name] : []));
      if (fields.some((field) => REQUEST_FIELDS.test(field))) {
        roles.push({ kind: "request", fields, fetchRequest: false, rawBody: parsesText(fn, "body") });
        continue;
      }
      if (optional) roles.push({ kind: "omitted" });
      else return null;
      continue;
    }
    const name = target.type === "Identifier" ? target.name : null;
    const byName = name ? ROLE_NAMES.find(([pattern]) => pattern.test(name))?.[1] : undefined;
    if (byName) {
      roles.push(byName.kind === "body" ? { kind: "body", raw: parsesText(fn, name!) } : byName);
      continue;
    }
    if (name && /^(?:req|request|incoming|ctx|context|message)$/.test(name)) {
      const fields = fieldsReadOn(fn, name);
      if (fields.some((field) => REQUEST_FIELDS.test(field))) {
        roles.push({ kind: "request", fields, fetchRequest: fields.includes("json") || fields.includes("text") || fields.includes("formData"), rawBody: parsesText(fn, "body") });
        continue;
      }
    }
    if (optional || param.type === "RestElement") {
      roles.push({ kind: "omitted" });
      continue;
    }
    return null;
  }
  // Trailing omitted parameters are simply not passed.
  while (roles.length > 0 && roles[roles.length - 1]!.kind === "omitted") roles.pop();
  return roles.length > 0 ? roles : null;
}

/** `JSON.parse(name)` or `JSON.parse(x.name)` in the function: it wants the text, not a parsed value. */
function parsesText(fn: t.Function, name: string): boolean {
  let parses = false;
  walk(fn.body, (node) => {
    if (parses || node.type !== "CallExpression") return parses ? false : undefined;
    const callee = node.callee;
    if (callee.type !== "MemberExpression" || callee.object.type !== "Identifier" || callee.object.name !== "JSON") return undefined;
    if (callee.property.type !== "Identifier" || callee.property.name !== "parse") return undefined;
    const arg = node.arguments[0] ? unwrapTs(node.arguments[0]) : null;
    if (arg?.type === "Identifier" && arg.name === name) parses = true;
    if (arg?.type === "MemberExpression" && !arg.computed && arg.property.type === "Identifier" && arg.property.name === name) parses = true;
    return undefined;
  });
  return parses;
}

function fieldsReadOn(fn: t.Function, name: string): string[] {
  const fields = new Set<string>();
  walk(fn.body, (node) => {
    if ((node.type === "MemberExpression" || node.type === "OptionalMemberExpression") && !node.computed && node.property.type === "Identifier") {
      const object = unwrapTs(node.object);
      if (object.type === "Identifier" && object.name === name) fields.add(node.property.name);
    }
    if (node.type === "VariableDeclarator" && node.id.type === "ObjectPattern" && node.init && unwrapTs(node.init).type === "Identifier" && (unwrapTs(node.init) as t.Identifier).name === name) {
      for (const p of node.id.properties) if (p.type === "ObjectProperty" && p.key.type === "Identifier") fields.add(p.key.name);
    }
    return undefined;
  });
  return [...fields];
}

/** The key the module's answers put their status under: `return { status: 404, … }`. */
function answerStatusKey(facts: ModuleFacts): string | null {
  let key: string | null = null;
  walk(facts.program, (node) => {
    if (key !== null) return false;
    if (node.type === "ObjectExpression") {
      for (const p of node.properties) {
        if (p.type === "ObjectProperty" && !p.computed && p.key.type === "Identifier" && (p.key.name === "status" || p.key.name === "statusCode") && p.value.type === "NumericLiteral") {
          key = p.key.name;
        }
      }
    }
    return undefined;
  });
  return key;
}

function dedupe(accesses: AppAccess[]): AppAccess[] {
  const seen = new Set<string>();
  return accesses.filter((access) => {
    // Sibling tests often build the app with the same lines; one of them is enough.
    const imports = access.handle.imports.map((line) => (typeof line === "string" ? line : `${line.module}:${line.name}`)).join("\n");
    const folder = access.handle.testFile ? dirnameOf(access.handle.testFile) : "";
    const key = [access.kind, access.module, access.handle.expression, access.handle.statements.join("\n"), imports, folder, access.next?.method ?? ""].join("|");
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
