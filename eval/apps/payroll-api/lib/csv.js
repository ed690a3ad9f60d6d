// The accounting system imports semicolon-separated files with a decimal comma.
const SEPARATOR = ';';

function cell(value) {
  const text = typeof value === 'number' ? value.toFixed(2).replace('.', ',') : String(value ?? '');
  return /[";\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvHeader(columns) {
  return columns.join(SEPARATOR);
}

export function toCsvRow(values) {
  return values.map(cell).join(SEPARATOR);
}
