'use strict';

function createStore() {
  const applications = new Map();
  const permits = new Map();
  let seq = 0;
  const nextId = (prefix) => `${prefix}-${String(++seq).padStart(5, '0')}`;
  return {
    saveApplication(application) {
      const saved = { id: nextId('APP'), ...application };
      applications.set(saved.id, saved);
      return saved;
    },
    getApplication: (id) => applications.get(id) || null,
    savePermit(permit) {
      const saved = { id: nextId('PRM'), ...permit };
      permits.set(saved.id, saved);
      return saved;
    },
    getPermit: (id) => permits.get(id) || null,
    permitsFor: (plate) => [...permits.values()].filter((p) => p.plate === plate),
  };
}

module.exports = { createStore };
