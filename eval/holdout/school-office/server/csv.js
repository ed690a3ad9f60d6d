'use strict';

function cell(value) {
  var text = value === null || value === undefined ? '' : String(value);
  return /[",\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
}

function toCsv(header, rows) {
  return [header].concat(rows).map(function (row) { return row.map(cell).join(','); }).join('\n') + '\n';
}

module.exports = { toCsv: toCsv };
