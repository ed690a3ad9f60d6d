// The minimal fix a careful engineer would make for each planted bug, as exact text edits.
// record-incident.ts applies them to a copy of the app and sends it the post-deploy traffic plan,
// which proves each edit still matches the source and answers its bug's requests properly. A
// yardstick for the plan, never a stand-in for a fix being judged. Not used by the app.

export interface ReferenceFix {
  bug: string;
  file: string;
  find: string;
  replace: string;
}

export const referenceFixes: ReferenceFix[] = [
  {
    bug: "user-not-found",
    file: "src/routes/users.ts",
    find: "  const user = ctx.db.users.get(ctx.params.id);\n  const email = maskEmail(user.email);\n",
    replace:
      "  const user = ctx.db.users.get(ctx.params.id);\n  if (!user) return notFound(\"user\");\n  const email = maskEmail(user.email);\n",
  },
  {
    bug: "format-price-not-imported",
    file: "src/routes/products.ts",
    find: 'import { toMajorUnits } from "../lib/money.ts";\n',
    replace: 'import { formatPrice, toMajorUnits } from "../lib/money.ts";\n',
  },
  {
    bug: "order-body-not-json",
    file: "src/routes/orders.ts",
    find: "  const input = JSON.parse(await request.text()) as OrderInput;\n",
    replace: [
      "  let input: OrderInput;",
      "  try {",
      "    input = JSON.parse(await request.text()) as OrderInput;",
      "  } catch {",
      '    return json({ error: "bad_request", message: "request body is not valid JSON" }, 400);',
      "  }",
      "",
    ].join("\n"),
  },
  {
    bug: "discount-total-const",
    file: "src/lib/money.ts",
    find: "  const total = subtotal(lines);\n",
    replace: "  let total = subtotal(lines);\n",
  },
  {
    bug: "tags-not-an-array",
    file: "src/routes/products.ts",
    find: "  if (patch.name !== undefined) product.name = patch.name.trim();\n",
    replace: [
      "  if (patch.tags !== undefined && !Array.isArray(patch.tags)) {",
      '    return unprocessable("tags must be an array of strings");',
      "  }",
      "  if (patch.name !== undefined) product.name = patch.name.trim();",
      "",
    ].join("\n"),
  },
];

/** Applies every fix for `file` to its text; throws when an edit no longer matches exactly once. */
export function applyFixes(file: string, text: string, fixes: ReferenceFix[] = referenceFixes): string {
  let result = text;
  for (const fix of fixes) {
    if (fix.file !== file) continue;
    const at = result.indexOf(fix.find);
    if (at === -1 || result.indexOf(fix.find, at + 1) !== -1) {
      throw new Error(`reference fix ${fix.bug} does not match ${file} exactly once; update incident/reference-fixes.ts`);
    }
    result = result.slice(0, at) + fix.replace + result.slice(at + fix.find.length);
  }
  return result;
}
