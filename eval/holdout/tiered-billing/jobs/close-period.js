import { readFile, writeFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import { buildInvoice, parseMeterExport, staticRates } from "../src/index.js";

/**
 * Closes a billing period: one invoice per active account. An account that cannot be billed is
 * reported and skipped; the others are still invoiced.
 */
export function closePeriod({ period, accounts, meterCsv, taxProvider = staticRates, report = () => {} }) {
  const usage = parseMeterExport(meterCsv);
  const invoices = [];
  const skipped = [];
  for (const account of accounts) {
    try {
      const result = buildInvoice({ account, period, usage: usage.get(account.id) ?? {}, taxProvider });
      if (result.ok) invoices.push(result.value);
      else skipped.push({ accountId: account.id, ...result.error });
    } catch (error) {
      report(error, { account: account.id, period });
      skipped.push({ accountId: account.id, code: "crashed", message: error.message });
    }
  }
  return { invoices, skipped };
}

async function main() {
  const [period, accountsFile, meterFile, outFile] = process.argv.slice(2);
  const accounts = JSON.parse(await readFile(accountsFile, "utf8"));
  const meterCsv = await readFile(meterFile, "utf8");
  const result = closePeriod({ period, accounts, meterCsv, report: (error, tags) => console.error(JSON.stringify({ ...tags, stack: error.stack })) });
  await writeFile(outFile, JSON.stringify(result, null, 2));
  console.log(`${result.invoices.length} invoices, ${result.skipped.length} skipped`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
