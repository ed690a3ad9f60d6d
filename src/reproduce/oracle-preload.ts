// The oracle's eyes: a CommonJS preload (`node --require`, through NODE_OPTIONS so every Node
// process a test runner starts loads it too: node --test subprocesses, vitest forks, jest
// workers, mocha) that records every exception thrown while application code runs, including the
// ones a framework catches and answers with a 500 (Express's final handler, Fastify's error
// handler, Hono's onError, Koa's ctx.onerror, an app's own error middleware).
//
// How: an inspector session on the process's own thread, with the Debugger paused on all
// exceptions; each pause records the exception's description (its stack string) and resumes at
// once. A same-thread session answers a pause synchronously, about twice as fast as a worker
// thread attached with connectToMainThread and with no start-up wait (measured: 0.25 ms against
// 0.5 ms per pause, and 70 ms to start the worker). Pausing is armed only once the first
// application script is parsed (outside node_modules, not a *.config.* file): a test runner's
// own start-up throws and catches hundreds of exceptions (vite's URL probing alone ~230 per
// process) that can never be the incident's, and skipping them saves most of the cost.
//
// Only exceptions whose description mentions the sandbox root are written: the pure oracle then
// decides from the parsed stack whether the top application frame is the culprit. Records are
// capped in number and size because the code under test is the repository's, not ours.
//
// This text runs inside the sandbox, never in Suture's own process.

export const ORACLE_OUTPUT_ENV = "SUTURE_ORACLE_OUT";
/** SUTURE_ORACLE_OUT=- writes records to stderr, each line after this marker (a CI log keeps them). */
export const ORACLE_STDERR_MARKER = "[suture-oracle] ";
export const ORACLE_ROOT_ENV = "SUTURE_ORACLE_ROOT";
/** Exceptions recorded per process at most. */
export const ORACLE_MAX_RECORDS = 400;
/** Characters of one exception description kept (a stack of 50 long frames fits). */
export const ORACLE_MAX_DESCRIPTION = 16_384;

export const ORACLE_PRELOAD_SOURCE = `"use strict";
(function sutureOracle() {
  var out = process.env.${ORACLE_OUTPUT_ENV};
  if (!out) return;
  var inspector, fs, threads, url;
  try {
    inspector = require("node:inspector");
    fs = require("node:fs");
    threads = require("node:worker_threads");
    url = require("node:url");
  } catch (error) {
    return;
  }
  var root = process.env.${ORACLE_ROOT_ENV} || process.cwd();
  try { root = fs.realpathSync(root); } catch (error) {}
  var rootUrl = url.pathToFileURL(root).href;
  var written = 0;
  var armed = false;
  var session = new inspector.Session();
  try { session.connect(); } catch (error) { return; }
  function write(entry) {
    try {
      if (out === "-") fs.writeSync(2, ${JSON.stringify(ORACLE_STDERR_MARKER)} + JSON.stringify(entry) + "\\n");
      else fs.appendFileSync(out, JSON.stringify(entry) + "\\n");
    } catch (error) {}
  }
  function isApplicationScript(scriptUrl) {
    if (typeof scriptUrl !== "string") return false;
    var inRoot = scriptUrl.indexOf(root + "/") === 0 || scriptUrl.indexOf(rootUrl + "/") === 0;
    if (!inRoot || scriptUrl.indexOf("/node_modules/") !== -1) return false;
    return !/(^|\\/)[^\\/]*\\.config\\.[cm]?[jt]s$/.test(scriptUrl) && !/\\/\\.mocharc\\.[cm]?js$/.test(scriptUrl);
  }
  session.on("Debugger.scriptParsed", function (message) {
    if (armed || !isApplicationScript(message.params.url)) return;
    armed = true;
    session.post("Debugger.setPauseOnExceptions", { state: "all" });
  });
  session.on("Debugger.paused", function (message) {
    try {
      var params = message.params;
      var data = params.data;
      if ((params.reason === "exception" || params.reason === "promiseRejection") && data && written < ${ORACLE_MAX_RECORDS}) {
        var description = typeof data.description === "string" ? data.description : "";
        if (description.indexOf(root) !== -1) {
          written += 1;
          write({
            kind: "exception",
            pid: process.pid,
            thread: threads.threadId,
            reason: params.reason,
            className: typeof data.className === "string" ? data.className : null,
            description: description.slice(0, ${ORACLE_MAX_DESCRIPTION})
          });
        }
      }
    } catch (error) {
    } finally {
      session.post("Debugger.resume");
    }
  });
  session.post("Debugger.enable");
})();
`;
