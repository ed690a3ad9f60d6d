'use strict';

class LeaveRepository {
  constructor(rows = []) {
    this.rows = rows.map((row) => ({ ...row }));
    this.sequence = 1000 + this.rows.length;
  }

  async create(fields) {
    this.sequence += 1;
    const row = { id: `LR-${this.sequence}`, ...fields };
    this.rows.push(row);
    return { ...row };
  }

  async forEmployee(employeeId) {
    return this.rows.filter((row) => row.employeeId === employeeId).map((row) => ({ ...row }));
  }

  async forEmployees(employeeIds) {
    const wanted = new Set(employeeIds);
    return this.rows.filter((row) => wanted.has(row.employeeId)).map((row) => ({ ...row }));
  }

  async daysTaken(employeeId, type, year) {
    return this.rows
      .filter((row) => row.employeeId === employeeId && row.type === type && row.startDate.startsWith(String(year)))
      .filter((row) => row.status !== 'rejected')
      .reduce((sum, row) => sum + row.days, 0);
  }

  async findOverlap(employeeId, startDate, endDate) {
    return (
      this.rows.find(
        (row) =>
          row.employeeId === employeeId &&
          row.status !== 'rejected' &&
          row.startDate <= endDate &&
          row.endDate >= startDate,
      ) || null
    );
  }
}

module.exports = { LeaveRepository };
