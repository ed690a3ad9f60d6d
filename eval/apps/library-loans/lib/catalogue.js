'use strict';

function createCatalogue() {
  const items = new Map(
    [
      { id: 'B-10021', title: 'The Left Hand of Darkness', author: 'Ursula K. Le Guin', format: 'book', branch: 'central' },
      { id: 'B-10022', title: 'A Wizard of Earthsea', author: 'Ursula K. Le Guin', format: 'book', branch: 'riverside' },
      { id: 'B-10340', title: 'Small Island', author: 'Andrea Levy', format: 'book', branch: 'central' },
      { id: 'B-10577', title: 'Wolf Hall', author: 'Hilary Mantel', format: 'book', branch: 'central' },
      { id: 'B-10578', title: 'Bring Up the Bodies', author: 'Hilary Mantel', format: 'book', branch: 'riverside' },
      { id: 'D-20110', title: 'Paddington 2', author: 'Paul King', format: 'dvd', branch: 'riverside' },
      { id: 'M-30007', title: 'New Scientist 5 Nov 2026', author: 'New Scientist', format: 'magazine', branch: 'central' },
    ].map((item) => [item.id, item]),
  );

  const members = new Map(
    [
      { id: 'M0142', name: 'Ruth Adebayo', tier: 'standard' },
      { id: 'M0377', name: 'Callum Reid', tier: 'student' },
      { id: 'M0519', name: 'Edith Parr', tier: 'senior' },
      { id: 'M0802', name: 'Noah Ellis', tier: 'child' },
      // Branch staff were given member accounts in October.
      { id: 'M0911', name: 'Priya Shah', tier: 'staff' },
      { id: 'M0914', name: 'Tom Hughes', tier: 'staff' },
    ].map((member) => [member.id, member]),
  );

  const loans = new Map();
  let next = 700;
  return {
    items,
    members,
    loans,
    newLoanId() {
      next += 1;
      return `L${next}`;
    },
  };
}

module.exports = { createCatalogue };
