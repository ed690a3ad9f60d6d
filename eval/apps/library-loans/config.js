'use strict';

// Fee schedule approved by the library board, per member tier. Amounts in pence.
module.exports = {
  loanDays: { book: 21, dvd: 7, magazine: 7 },
  fees: {
    standard: { perDay: 20, cap: 800 },
    student: { perDay: 10, cap: 400 },
    senior: { perDay: 10, cap: 400 },
    child: { perDay: 0, cap: 0 },
  },
  maxLoans: 12,
};
