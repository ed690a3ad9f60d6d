'use strict';

class EmployeeRepository {
  constructor(rows) {
    this.rows = new Map(rows.map((row) => [row.id, { ...row }]));
  }

  async findById(id) {
    return this.rows.get(id) || null;
  }

  async findByTeam(teamId) {
    return [...this.rows.values()].filter((row) => row.teamId === teamId);
  }
}

module.exports = { EmployeeRepository };
