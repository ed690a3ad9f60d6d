import { classifyError } from "../diagnose/classify.ts";
import { isThirdPartyFrame } from "../diagnose/culprit.ts";
import type { SourceReader } from "../fix/fix-context.ts";
import { basenameOf, dirnameOf } from "../fix/posix-path.ts";
import { normalizeMessage } from "../ingest/fingerprint.ts";
import { type AppAccess, discoverAppAccess } from "./app-access.ts";
import { type EntryAttempt, planEntryAttempts } from "./entry-attempts.ts";
import { titleText } from "./js-literal.ts";
import { routeTemplates } from "./lambda-event.ts";
import type { ModelReproducer } from "./model-reproduction.ts";
import { type Attribution, attributeRecords, findMatch, matchException, type ReproductionTarget, targetOf } from "./oracle.ts";
import { namesFor, PROBE_TITLE_PREFIX, renderTestFile, type TestCase } from "./render-test.ts";
import { loadRepoSnapshot, type RepoSnapshot } from "./repo-snapshot.ts";
import { headersInTests, requestVariants } from "./request-credentials.ts";
import { prepareRequest, replayRequest } from "./request-harness.ts";
import type {
  Answer,
  AttemptPlan,
  CandidateCheck,
  AttemptRecord,
  FailingInput,
  ObservedException,
  RecordedRequest,
  Reproduction,
  ReproductionEvidence,
  ReproductionTest,
  StrategyName,
  SuccessfulRequest,
} from "./reproduction.ts";
import type { SandboxFile, SandboxRunResult, SandboxWorkspace } from "./sandbox.ts";
import { detectTestStyle, runCommand, type TestStyle } from "./test-style.ts";

// The reproducing step. Cheapest strategy first, each judged by the same mechanical oracle:
// 1. replay the recorded failing requests in process through the app as its own tests reach it;
// 2. call the exported culprit function (or the nearest exported caller) with arguments built
//    from the failing path;
// 3. with a model, ask for a reproduction test (its text is untrusted and is checked first).
// Each strategy's attempts run together in one probe file (with the recorded successful
// requests), beside the regression test built from the most promising attempt, so the usual
// case takes a single run. The regression test is accepted when it fails on the base commit and
// the oracle saw the incident's exception while it ran. Nothing reproduced is a result too: the
// record says what was tried and why each attempt failed.

export interface ReproduceOptions {
  commit: string;
  repo: SourceReader;
  /** A workspace at `commit`; the caller keeps it for validating fix candidates afterwards. */
  workspace: SandboxWorkspace;
  /** Strategy 3, only when a model is configured. */
  model?: ModelReproducer | null;
  /** Per run. Default 20 s. */
  runTimeoutMs?: number;
  clock?: () => number;
}

const DEFAULT_RUN_TIMEOUT_MS = 20_000;
const RUN_OUTPUT_BYTES = 64 * 1024;
const MAX_FAILING_REQUESTS = 3;
const MAX_ACCESSES = 4;
const MAX_SUCCESS_REQUESTS = 4;

/** A reproduction before the run totals are added. */
type Found = Omit<Extract<Reproduction, { kind: "reproduced" }>, "attempts" | "notes" | "runs" | "durationMs">;

interface Planned {
  plan: AttemptPlan;
  testCase: TestCase;
  style: TestStyle;
  /** Folder the test must live in (its imports are relative to it). */
  home: string;
  access: AppAccess | null;
  title: string;
}

interface Context {
  input: FailingInput;
  options: ReproduceOptions;
  snapshot: RepoSnapshot;
  target: ReproductionTarget;
  records: AttemptRecord[];
  runs: number;
  started: number;
  successAnswers: Array<{ request: SuccessfulRequest; answer: Answer | null }>;
  notes: string[];
  /** In-app frames, nearest the throw first, with files mapped to the repository's. */
  stack: Array<{ file: string; function: string | null }>;
}

export async function reproduceFailure(input: FailingInput, options: ReproduceOptions): Promise<Reproduction> {
  const clock = options.clock ?? (() => Date.now());
  const started = clock();
  const classification = classifyError(input.error.type, input.error.message);
  if (classification.kind === "transient") {
    return {
      kind: "not-reproduced",
      reason: `Not attempted: ${classification.reason}. An outage upstream is not a bug a test in the repository can show.`,
      attempts: [],
      notes: [],
      runs: 0,
      durationMs: clock() - started,
    };
  }
  const rawStack = applicationStack(input);
  const snapshot = await loadRepoSnapshot(options.repo, rawStack.map((frame) => frame.file));
  // Production may run the build of a TypeScript source (`handler.mjs` from `handler.ts`).
  const files = new Set(snapshot.files);
  const stack = rawStack.map((frame) => ({ ...frame, file: repoFileFor(frame.file, files) }));
  const culprit = { ...input.culprit, file: repoFileFor(input.culprit.file, files) };
  const context: Context = { input: { ...input, culprit }, options, snapshot, target: targetOf(input), records: [], runs: 0, started, successAnswers: [], notes: [], stack };
  const finish = (reproduction: Found): Reproduction => ({
    ...reproduction,
    attempts: context.records,
    notes: context.notes,
    runs: context.runs,
    durationMs: clock() - started,
  });

  const discovery = discoverAppAccess({ modules: snapshot.modules, tests: snapshot.tests, stack });
  context.notes.push(...discovery.notes);

  const replay = planReplay(context, discovery.accesses);
  const replayed = await runStrategy(context, "request-replay", replay.attempts, replay.successes);
  if (replayed) return finish(replayed);

  const entry = planEntries(context);
  const entered = await runStrategy(context, "entry-point", entry, []);
  if (entered) return finish(entered);

  if (options.model) {
    const modelled = await runModel(context, options.model);
    if (modelled) return finish(modelled);
  }
  return {
    kind: "not-reproduced",
    reason: notReproducedReason(context, replay.attempts.length + entry.length),
    attempts: context.records,
    notes: context.notes,
    runs: context.runs,
    durationMs: clock() - started,
  };
}

const SCRIPT_EXTENSION = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const SOURCE_EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];

/** The repository file a stack names: itself, or the source with another script extension. */
export function repoFileFor(path: string, files: ReadonlySet<string>): string {
  if (files.has(path) || !SCRIPT_EXTENSION.test(path)) return path;
  const stem = path.replace(SCRIPT_EXTENSION, "");
  return SOURCE_EXTENSIONS.map((ext) => `${stem}${ext}`).find((candidate) => files.has(candidate)) ?? path;
}

/** In-app frames, nearest the throw first. */
function applicationStack(input: FailingInput): Array<{ file: string; function: string | null }> {
  const frames = input.frames.filter((frame) => frame.inApp && !isThirdPartyFrame(frame)).reverse();
  const stack = frames.map((frame) => ({ file: frame.file, function: frame.function }));
  if (!stack.some((frame) => frame.file === input.culprit.file)) stack.unshift({ file: input.culprit.file, function: input.culprit.function });
  return stack;
}

// ---- planning ---------------------------------------------------------------------------------

function styleFor(context: Context, preferredTest: string | null): TestStyle | null {
  const { snapshot } = context;
  const relevant = relevantTests(context);
  const ordered = [...new Set([...(preferredTest ? [preferredTest] : []), ...relevant, ...snapshot.tests])].slice(0, 12);
  const detection = detectTestStyle({
    files: snapshot.files,
    packageJson: snapshot.packageJson,
    tests: ordered.map((path) => ({ path, content: snapshot.modules.get(path)?.source ?? "" })),
    configs: snapshot.configs,
  });
  if (!detection.ok) {
    context.notes.push(detection.reason);
    return null;
  }
  return detection.style;
}

/** Tests whose imports reach the culprit's file, directly or through other modules. */
function relevantTests(context: Context): string[] {
  const { snapshot, input } = context;
  const reaches = (path: string, depth: number, seen: Set<string>): boolean => {
    if (path === input.culprit.file) return true;
    if (depth > 6 || seen.has(path)) return false;
    seen.add(path);
    const facts = snapshot.modules.get(path);
    return facts?.imports.some((fact) => fact.resolved !== null && reaches(fact.resolved, depth + 1, seen)) ?? false;
  };
  return snapshot.tests.filter((test) => reaches(test, 0, new Set()));
}

function usableFrom(style: TestStyle, access: AppAccess): boolean {
  // A JavaScript test run by plain node cannot import TypeScript.
  const loadsTs = style.language === "ts" || style.runner === "vitest" || style.runner === "jest" || style.nodeFlags.some((flag) => /tsx|ts-node/.test(flag));
  return loadsTs || !/\.[cm]?tsx?$/.test(access.module);
}

function planReplay(context: Context, accesses: AppAccess[]): { attempts: Planned[]; successes: Planned[] } {
  const { input } = context;
  const testHeaders = headersInTests(context.snapshot.modules, context.snapshot.tests);
  const requests = distinctRequests(input.failingRequests).slice(0, MAX_FAILING_REQUESTS).flatMap((request) => requestVariants(request, testHeaders));
  const attempts: Planned[] = [];
  const successes: Planned[] = [];
  if (requests.length === 0) return { attempts, successes };
  const templates = context.snapshot.deployConfigs.flatMap(routeTemplates);
  const usedAccesses: Array<{ access: AppAccess; style: TestStyle }> = [];
  for (const access of accesses) {
    if (usedAccesses.length >= MAX_ACCESSES) break;
    const style = styleFor(context, access.handle.testFile);
    if (style === null || !usableFrom(style, access)) continue;
    let planned = 0;
    for (const { request, change } of requests) {
      const names = namesFor(access.handle);
      const harness = replayRequest(access, request, { literal: { quote: style.code.quote, indentUnit: style.code.indentUnit }, semicolons: style.code.semicolons, language: style.language, names, lambdaTemplates: templates });
      if (!harness.ok) {
        context.notes.push(`${access.why}: ${harness.reason}`);
        continue;
      }
      planned += 1;
      const id = `r${attempts.length + 1}`;
      const label = requestLabel(request);
      const title = replayTitle(context.input, request);
      attempts.push({
        plan: { id, strategy: "request-replay", description: `${label}${change ? ` ${change}` : ""} through ${access.why}`, request },
        testCase: { id, title, handle: access.handle, exercise: harness.exercise, label },
        style,
        home: access.handle.testFile ? dirnameOf(access.handle.testFile) : style.directory,
        access,
        title,
      });
    }
    if (planned > 0) usedAccesses.push({ access, style });
  }
  const top = usedAccesses[0];
  if (top) {
    for (const recorded of input.successfulRequests.slice(0, MAX_SUCCESS_REQUESTS)) {
      const variant = requestVariants(recorded, testHeaders)[0]!;
      const request = { ...recorded, headers: variant.request.headers };
      const harness = replayRequest(top.access, request, {
        literal: { quote: top.style.code.quote, indentUnit: top.style.code.indentUnit },
        semicolons: top.style.code.semicolons,
        language: top.style.language,
        names: namesFor(top.access.handle),
        lambdaTemplates: templates,
      });
      if (!harness.ok) continue;
      const id = `s${successes.length + 1}`;
      const label = requestLabel(request);
      successes.push({
        plan: { id, strategy: "request-replay", description: `${label} (answered ${request.status} in production)`, request },
        testCase: { id, title: label, handle: top.access.handle, exercise: harness.exercise, label },
        style: top.style,
        home: top.access.handle.testFile ? dirnameOf(top.access.handle.testFile) : top.style.directory,
        access: top.access,
        title: label,
      });
    }
  }
  return { attempts, successes };
}

function planEntries(context: Context): Planned[] {
  const style = styleFor(context, null);
  if (style === null) return [];
  const entries: EntryAttempt[] = planEntryAttempts({
    modules: context.snapshot.modules,
    tests: context.snapshot.tests,
    culprit: context.input.culprit,
    stack: context.stack,
    error: context.input.error,
    failingRequests: context.input.failingRequests,
    literal: { quote: style.code.quote, indentUnit: style.code.indentUnit },
    semicolons: style.code.semicolons,
  });
  return entries.map((entry, index) => {
    const id = `e${index + 1}`;
    return {
      plan: { id, strategy: "entry-point", description: entry.description, request: null },
      testCase: { id, title: entry.title, handle: entry.handle, exercise: entry.exercise, label: entry.label },
      style,
      home: entry.handle.testFile ? dirnameOf(entry.handle.testFile) : style.directory,
      access: null,
      title: entry.title,
    };
  });
}

function distinctRequests(requests: readonly RecordedRequest[]): RecordedRequest[] {
  const seen = new Set<string>();
  return requests.filter((request) => {
    const prepared = prepareRequest(request);
    const key = `${prepared.method} ${prepared.target} ${prepared.body ?? ""}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function requestLabel(request: RecordedRequest): string {
  const prepared = prepareRequest(request);
  return titleText(`${prepared.method} ${prepared.target}`, 90);
}

function replayTitle(input: FailingInput, request: RecordedRequest): string {
  const message = titleText(`${input.error.type}: ${normalizeMessage(input.error.message)}`, 90);
  return `${requestLabel(request)} answers without a server error (was ${message})`;
}

// ---- running ------------------------------------------------------------------------------

interface Round {
  run: SandboxRunResult;
  attribution: Attribution;
  /** Probe files that ran at least one attempt. */
  probeRan: boolean;
}

async function runStrategy(context: Context, strategy: StrategyName, attempts: Planned[], successes: Planned[]): Promise<Found | null> {
  if (attempts.length === 0) return null;
  const top = attempts[0]!;
  const regression = regressionTest(context, top);
  const homeAttempts = attempts.filter((attempt) => attempt.home === top.home && attempt.style.runner === top.style.runner);
  const others = attempts.filter((attempt) => !homeAttempts.includes(attempt));
  const probeCases = [...homeAttempts, ...successes.filter((s) => s.home === top.home)];
  const probe = probeFile(context, top, probeCases);
  const first = await runRound(context, top.style, [probe.file, regression.file], [...probe.titles, regression.test.name]);
  record(context, strategy, homeAttempts, first, probe.skipped);
  collectSuccesses(context, successes, first);

  const regressionSeen = findMatch(first.attribution.outside, context.target);
  if (regressionSeen && first.run.exitCode !== 0 && !first.run.timedOut) {
    return reproduced(context, strategy, regression, first, regressionSeen, answerOf(first, top.plan.id), candidateCheck(context, top, successes, regression));
  }
  // The regression test missed; an attempt of another folder or a later one may have matched.
  let matched = homeAttempts.find((attempt) => attemptMatched(context, first, attempt.plan.id));
  let matchedRound = first;
  if (!matched && others.length > 0) {
    const groupTop = others[0]!;
    const group = others.filter((attempt) => attempt.home === groupTop.home && attempt.style.runner === groupTop.style.runner);
    const otherProbe = probeFile(context, groupTop, group);
    const second = await runRound(context, groupTop.style, [otherProbe.file], otherProbe.titles);
    record(context, strategy, group, second, otherProbe.skipped);
    matched = group.find((attempt) => attemptMatched(context, second, attempt.plan.id));
    matchedRound = second;
  }
  if (!matched) return null;
  if (matched === top) {
    // The attempt threw the incident's error, yet its regression test passed or failed otherwise:
    // the crash came after the answer (a background task), or the test asserts the wrong thing.
    context.notes.push(`${top.plan.description}: the attempt threw the incident's error, but the regression test built from it did not fail with it (exit ${first.run.exitCode})`);
    return null;
  }
  const confirmed = regressionTest(context, matched);
  const confirm = await runRound(context, matched.style, [confirmed.file], [confirmed.test.name]);
  const seen = findMatch(confirm.attribution.outside, context.target);
  if (seen && confirm.run.exitCode !== 0 && !confirm.run.timedOut) {
    return reproduced(context, strategy, confirmed, confirm, seen, answerOf(matchedRound, matched.plan.id), candidateCheck(context, matched, successes, confirmed));
  }
  context.notes.push(`${matched.plan.description}: the probe reproduced it, but the regression test built from it did not fail with the incident's error`);
  return null;
}

function reproduced(
  context: Context,
  strategy: StrategyName,
  regression: { file: SandboxFile; test: ReproductionTest },
  round: Round,
  matched: ObservedException,
  failingAnswer: Answer | null,
  check: CandidateCheck,
): Found {
  const test = regression.test;
  const evidence: ReproductionEvidence = {
    commit: context.options.commit,
    observer: "inspector",
    matched,
    exitCode: round.run.exitCode,
    timedOut: round.run.timedOut,
    durationMs: round.run.durationMs,
    outputTail: round.run.outputTail,
    failingAnswer,
    successAnswers: context.successAnswers,
  };
  return { kind: "reproduced", strategy, test, evidence, check };
}

/** The regression test beside a probe of the reproducing attempt and the successful requests of its folder. */
function candidateCheck(context: Context, attempt: Planned, successes: Planned[], regression: { file: SandboxFile; test: ReproductionTest }): CandidateCheck {
  const kept = successes.filter((success) => success.home === attempt.home && success.style.runner === attempt.style.runner);
  const probe = probeFile(context, attempt, [attempt, ...kept]);
  const ran = new Set(probe.titles);
  return {
    files: [probe.file, regression.file],
    command: runCommand(attempt.style, [probe.file.path, regression.file.path], [...probe.titles, regression.test.name]),
    attempt: probe.skipped.includes(attempt.plan.id) ? null : attempt.plan.id,
    successes: kept.filter((success) => ran.has(`${PROBE_TITLE_PREFIX}${success.plan.id}`)).map((success) => ({ id: success.plan.id, request: success.plan.request as SuccessfulRequest })),
    request: attempt.plan.request !== null,
    testFiles: [probe.file.path, regression.file.path],
  };
}

function attemptMatched(context: Context, round: Round, id: string): boolean {
  return findMatch(round.attribution.byAttempt.get(id)?.exceptions ?? [], context.target) !== null;
}

function answerOf(round: Round, id: string): Answer | null {
  return round.attribution.byAttempt.get(id)?.answer ?? null;
}

async function runRound(context: Context, style: TestStyle, files: SandboxFile[], titles: string[]): Promise<Round> {
  const command = runCommand(style, files.map((file) => file.path), titles);
  context.runs += 1;
  const run = await context.options.workspace.run({
    files,
    program: command.program,
    args: command.args,
    env: command.env,
    timeoutMs: context.options.runTimeoutMs ?? DEFAULT_RUN_TIMEOUT_MS,
    maxOutputBytes: RUN_OUTPUT_BYTES,
    observeExceptions: true,
  });
  const attribution = attributeRecords(run.records, run.roots);
  return { run, attribution, probeRan: attribution.byAttempt.size > 0 };
}

function record(context: Context, strategy: StrategyName, attempts: Planned[], round: Round, skipped: readonly string[]): void {
  for (const attempt of attempts) {
    const observed = round.attribution.byAttempt.get(attempt.plan.id);
    const base = { ...attempt.plan, strategy };
    if (skipped.includes(attempt.plan.id)) {
      context.records.push({ ...base, outcome: "not-run", detail: "its imports clash with another attempt's in one probe file", answer: null, exceptions: [] });
      continue;
    }
    if (!observed) {
      const outcome = round.run.timedOut ? "timed-out" : "harness-failed";
      const detail = round.run.timedOut ? "the run timed out before this attempt ran" : `the probe did not run this attempt: ${lastLines(round.run.outputTail, 6)}`;
      context.records.push({ ...base, outcome, detail, answer: null, exceptions: round.attribution.outside.slice(0, 3) });
      continue;
    }
    const exceptions = observed.exceptions.filter((exception) => exception.frames.some((frame) => frame.inApp)).slice(0, 3);
    const match = findMatch(observed.exceptions, context.target);
    if (match) {
      context.records.push({ ...base, outcome: "reproduced", detail: `threw ${match.type}: ${clip(match.message, 200)} at the incident's culprit`, answer: observed.answer, exceptions: [match] });
      continue;
    }
    if (exceptions.length > 0) {
      const why = matchException(exceptions[0]!, context.target);
      const detail = why.matches ? "threw the incident's error" : `threw ${exceptions[0]!.type}: ${clip(exceptions[0]!.message, 160)}, but ${why.detail}`;
      context.records.push({ ...base, outcome: "other-exception", detail, answer: observed.answer, exceptions });
      continue;
    }
    context.records.push({ ...base, outcome: "no-exception", detail: `no exception from application code; ${describeAnswer(observed.answer)}`, answer: observed.answer, exceptions: [] });
  }
}

function collectSuccesses(context: Context, successes: Planned[], round: Round): void {
  if (context.successAnswers.length > 0) return;
  for (const success of successes) {
    const request = success.plan.request as SuccessfulRequest;
    context.successAnswers.push({ request, answer: answerOf(round, success.plan.id) });
  }
}

function describeAnswer(answer: Answer | null): string {
  if (answer === null) return "no answer was recorded";
  if (answer.kind === "response") return `it answered ${answer.status}${answer.body ? ` with ${clip(answer.body, 120)}` : " with an empty body"}`;
  if (answer.kind === "returned") return `it returned ${clip(answer.value, 120)}`;
  return `it threw ${answer.type}: ${clip(answer.message, 120)}`;
}

// ---- files --------------------------------------------------------------------------------

function regressionTest(context: Context, attempt: Planned): { file: SandboxFile; test: ReproductionTest } {
  const path = freePath(context, attempt.home, `${culpritStem(context.input)}-regression`, attempt.style.suffix);
  const rendered = renderTestFile(attempt.style, path, [{ ...attempt.testCase, title: attempt.title }], "regression");
  const command = runCommand(attempt.style, [path], rendered.titles);
  return {
    file: { path, content: rendered.content },
    test: { path, content: rendered.content, runner: attempt.style.runner, command, name: attempt.title },
  };
}

function probeFile(context: Context, top: Planned, cases: Planned[]): { file: SandboxFile; titles: string[]; skipped: string[] } {
  const path = freePath(context, top.home, `suture-probe-${context.input.fingerprint.slice(0, 8) || "incident"}`, top.style.suffix);
  const rendered = renderTestFile(top.style, path, cases.map((c) => c.testCase), "probe");
  return { file: { path, content: rendered.content }, titles: rendered.titles, skipped: rendered.skipped };
}

/** `src/routes/invoices.ts` → `invoices`; `app/api/invoices/[id]/route.ts` → `invoices`. */
function culpritStem(input: FailingInput): string {
  let stem = basenameOf(input.culprit.file).replace(/\..*$/, "");
  if (/^(?:index|route|page)$/.test(stem)) {
    const folders = dirnameOf(input.culprit.file).split("/").filter((folder) => folder !== "" && !/^[[(@]/.test(folder));
    stem = folders[folders.length - 1] ?? stem;
  }
  return stem.replace(/[^\w-]+/g, "-").toLowerCase() || "crash";
}

function freePath(context: Context, dir: string, stem: string, suffix: string): string {
  const files = new Set(context.snapshot.files);
  const prefix = dir === "" ? "" : `${dir}/`;
  let path = `${prefix}${stem}${suffix}`;
  for (let n = 2; files.has(path); n += 1) path = `${prefix}${stem}-${n}${suffix}`;
  return path;
}

// ---- the model ----------------------------------------------------------------------------

async function runModel(context: Context, model: ModelReproducer): Promise<Found | null> {
  const style = styleFor(context, relevantTests(context)[0] ?? null);
  if (style === null) return null;
  const proposal = await model.propose({ input: context.input, snapshot: context.snapshot, style, attempts: context.records });
  if (proposal.kind !== "test") {
    context.records.push({ id: "m1", strategy: "model", description: "asked the model for a reproduction test", request: null, outcome: "not-run", detail: proposal.reason, answer: null, exceptions: [] });
    return null;
  }
  const { path, content } = proposal;
  const command = runCommand(style, [path], proposal.titles);
  const round = await runRound(context, style, [{ path, content }], proposal.titles);
  const seen = findMatch(round.attribution.outside, context.target);
  const base = { id: "m1", strategy: "model" as const, description: `a test written by the model (${path})`, request: null };
  if (seen && round.run.exitCode !== 0 && !round.run.timedOut) {
    context.records.push({ ...base, outcome: "reproduced", detail: `threw ${seen.type}: ${clip(seen.message, 200)} at the incident's culprit`, answer: null, exceptions: [seen] });
    const test: ReproductionTest = { path, content, runner: style.runner, command, name: proposal.titles[0] ?? path };
    const check: CandidateCheck = { files: [{ path, content }], command, attempt: null, successes: [], request: context.input.failingRequests.length > 0, testFiles: [path] };
    return reproduced(context, "model", { file: { path, content }, test }, round, seen, null, check);
  }
  const other = round.attribution.outside.find((exception) => exception.frames.some((frame) => frame.inApp));
  const detail = round.run.timedOut
    ? "the model's test timed out"
    : other
      ? `the model's test threw ${other.type}: ${clip(other.message, 160)}, not the incident's error`
      : round.run.exitCode === 0
        ? "the model's test passed on the base commit, so it does not show the failure"
        : `the model's test failed without the incident's error: ${lastLines(round.run.outputTail, 6)}`;
  context.records.push({ ...base, outcome: round.run.timedOut ? "timed-out" : other ? "other-exception" : "no-exception", detail, answer: null, exceptions: other ? [other] : [] });
  return null;
}

// ---- not reproduced -------------------------------------------------------------------------

function notReproducedReason(context: Context, planned: number): string {
  if (planned === 0 && context.records.length === 0) {
    const why = context.notes.length > 0 ? ` (${clip(context.notes.join("; "), 400)})` : "";
    const request = context.input.failingRequests.length > 0 ? "no way to replay its requests against the app" : "no recorded request and no exported function on the stack to call";
    return `Nothing to try: Suture found ${request}${why}.`;
  }
  const outcomes = new Map<string, number>();
  for (const attempt of context.records) outcomes.set(attempt.outcome, (outcomes.get(attempt.outcome) ?? 0) + 1);
  const summary = [...outcomes.entries()].map(([outcome, count]) => `${count} ${outcome.replace(/-/g, " ")}`).join(", ");
  return `No attempt threw the incident's error on the base commit (${summary}).`;
}

function lastLines(text: string, count: number): string {
  return clip(text.split("\n").slice(-count).join(" | "), 400);
}

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ");
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
