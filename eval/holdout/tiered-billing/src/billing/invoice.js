import { PLANS } from "../pricing/plans.js";
import { err, ok, pipe } from "../result.js";
import { taxLine } from "../tax.js";
import { billableWindow } from "./prorate.js";
import { usageLines } from "./usage-charges.js";

const withPlan = (ctx) => {
  const plan = PLANS[ctx.account.plan];
  return plan ? ok({ ...ctx, plan }) : err("unknown_plan", `Unknown plan '${ctx.account.plan}' on ${ctx.account.id}`);
};

const withWindow = (ctx) => {
  const window = billableWindow(ctx.account.subscription, ctx.period);
  return window.billable ? ok({ ...ctx, window }) : err("not_billable", `${ctx.account.id} has nothing to bill in ${ctx.period}`);
};

const withLines = (ctx) => {
  const fee = { code: "fee", description: `${ctx.account.plan} plan (${ctx.window.fraction * 100}% of ${ctx.period})`, quantity: ctx.window.fraction, cents: Math.round(ctx.plan.monthlyFee * ctx.window.fraction) };
  return ok({ ...ctx, lines: [fee, ...usageLines(ctx.usage, ctx.plan)] });
};

const withTax = (ctx) => {
  const net = ctx.lines.reduce((sum, line) => sum + line.cents, 0);
  return ok({ ...ctx, net, tax: taxLine(ctx.account, net, ctx.taxProvider, ctx.window.to) });
};

const toInvoice = (ctx) =>
  ok({
    accountId: ctx.account.id,
    period: ctx.period,
    from: ctx.window.from,
    to: ctx.window.to,
    lines: ctx.lines,
    netCents: ctx.net,
    tax: ctx.tax,
    totalCents: ctx.net + ctx.tax.cents,
    currency: "EUR",
  });

/** @returns {{ ok: true, value: object } | { ok: false, error: { code: string, message: string } }} */
export const buildInvoice = pipe(withPlan, withWindow, withLines, withTax, toInvoice);
