// Simplified German-style withholding: a tax-free allowance, then a flat rate per tax class.
const TAX_CLASSES = {
  I: { allowance: 1000, rate: 0.26 },
  III: { allowance: 2000, rate: 0.18 },
  IV: { allowance: 1000, rate: 0.26 },
};

export function round2(value) {
  return Math.round(value * 100) / 100;
}

export function isPeriod(text) {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(text);
}

export function computePayslip(employee, period, adjustments = []) {
  const taxClass = TAX_CLASSES[employee.taxCode] ?? TAX_CLASSES.I;
  const gross = round2(employee.annualSalary / 12);
  const lines = [{ kind: 'salary', amount: gross }];
  for (const adjustment of adjustments) {
    lines.push({ kind: adjustment.kind, amount: adjustment.amount });
    gross += adjustment.amount;
  }
  const taxable = Math.max(0, gross - taxClass.allowance);
  const tax = round2(taxable * taxClass.rate);
  return { employeeId: employee.id, period, lines, gross: round2(gross), tax, net: round2(gross - tax) };
}
