// Severity P0–P4 of an incident, from what it does to the app's users.
// Each signal maps to a level on its own; the most severe signal wins, and every signal is
// reported with its figure so a person can check the call. The inputs are kept in the decision
// (the issue asks to record them).

export type Severity = "P0" | "P1" | "P2" | "P3" | "P4";

export interface SeverityInputs {
  errorType: string;
  message: string;
  /** The app cannot start: module not found at load, or a crash during startup. */
  atModuleLoad: boolean;
  /** Requests to the failing route in the same window, when the error is tied to a route. */
  routeRequests: number | null;
  /** Failed requests (errors) of that route in the same window. */
  routeErrors: number | null;
  affectedUsers: number;
  eventsPerHour: number;
  /** Distinct users of the app in the same period, when known. */
  totalUsers: number | null;
  /** Route label for the reasons (`GET /users/:id`). */
  route?: string | null;
}

export interface SeverityDecision {
  severity: Severity;
  reasons: string[];
  inputs: SeverityInputs;
}

/** Share of a route's requests failing: [minimum share, level], most severe first. */
export const ROUTE_FAILURE_LEVELS: ReadonlyArray<readonly [number, Severity]> = [
  [0.5, "P1"],
  [0.1, "P2"],
  [0.01, "P3"],
];
/** Below this many requests a failure share says little (1 of 1 is not "100 % of traffic"). */
export const MIN_ROUTE_REQUESTS = 10;

/** Distinct affected users: [minimum users, level]. */
export const AFFECTED_USER_LEVELS: ReadonlyArray<readonly [number, Severity]> = [
  [100, "P1"],
  [10, "P2"],
  [1, "P3"],
];
/** Share of all users affected: [minimum share, level]; used when the user base is known and large enough. */
export const AFFECTED_SHARE_LEVELS: ReadonlyArray<readonly [number, Severity]> = [
  [0.25, "P1"],
  [0.05, "P2"],
];
export const MIN_USER_BASE = 50;

/** Events per hour: [minimum rate, level]. */
export const EVENT_RATE_LEVELS: ReadonlyArray<readonly [number, Severity]> = [
  [1000, "P1"],
  [100, "P2"],
  [10, "P3"],
];

const ORDER: readonly Severity[] = ["P0", "P1", "P2", "P3", "P4"];

export function scoreSeverity(inputs: SeverityInputs): SeverityDecision {
  const signals: Array<{ level: Severity; reason: string }> = [];

  if (inputs.atModuleLoad) {
    signals.push({
      level: "P0",
      reason: `the app cannot start: ${inputs.errorType} at module load (${truncate(inputs.message, 120)})`,
    });
  }

  const requests = count(inputs.routeRequests);
  const errors = count(inputs.routeErrors);
  if (inputs.routeRequests !== null && inputs.routeErrors !== null && requests > 0) {
    const failed = Math.min(errors, requests);
    const shareFailed = failed / requests;
    const route = inputs.route ? `${inputs.route} ` : "route ";
    const figure = `${percent(shareFailed)} of ${route}requests failed (${failed}/${requests})`;
    if (requests < MIN_ROUTE_REQUESTS) {
      signals.push({ level: "P4", reason: `${figure}, too few requests to judge (under ${MIN_ROUTE_REQUESTS}): P4` });
    } else {
      const level = levelFor(shareFailed, ROUTE_FAILURE_LEVELS);
      signals.push({ level, reason: `${figure}: ${level}` });
    }
  }

  const users = count(inputs.affectedUsers);
  const userLevel = levelFor(users, AFFECTED_USER_LEVELS);
  const totalUsers = count(inputs.totalUsers);
  if (inputs.totalUsers !== null && totalUsers >= MIN_USER_BASE) {
    const shareAffected = Math.min(users, totalUsers) / totalUsers;
    const level = mostSevere(userLevel, levelFor(shareAffected, AFFECTED_SHARE_LEVELS));
    signals.push({ level, reason: `${plural(users, "user")} affected (${percent(shareAffected)} of ${totalUsers}): ${level}` });
  } else {
    signals.push({ level: userLevel, reason: `${plural(users, "user")} affected: ${userLevel}` });
  }

  const rate = Math.max(0, Number.isFinite(inputs.eventsPerHour) ? inputs.eventsPerHour : 0);
  const rateLevel = levelFor(rate, EVENT_RATE_LEVELS);
  signals.push({ level: rateLevel, reason: `${formatRate(rate)} events per hour: ${rateLevel}` });

  const severity = signals.reduce<Severity>((worst, signal) => mostSevere(worst, signal.level), "P4");
  // Deciding signals first: the first reason is the one a reader needs.
  const reasons = [...signals]
    .sort((a, b) => ORDER.indexOf(a.level) - ORDER.indexOf(b.level))
    .map((signal) => signal.reason);
  return { severity, reasons, inputs };
}

function levelFor(value: number, levels: ReadonlyArray<readonly [number, Severity]>): Severity {
  for (const [minimum, level] of levels) if (value >= minimum) return level;
  return "P4";
}

function mostSevere(a: Severity, b: Severity): Severity {
  return ORDER.indexOf(a) <= ORDER.indexOf(b) ? a : b;
}

function count(value: number | null): number {
  return value !== null && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}

function percent(share: number): string {
  const value = share * 100;
  // Never round a partial failure up to "100%" or down to "0%".
  if (value > 99 && value < 100) return ">99%";
  if (value === 0 || value >= 10) return `${Math.round(value)}%`;
  return `${Number(value.toPrecision(2))}%`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

function formatRate(rate: number): string {
  return Number.isInteger(rate) ? String(rate) : rate.toFixed(1);
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
