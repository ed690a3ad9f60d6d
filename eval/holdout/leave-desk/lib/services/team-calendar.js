'use strict';

const { ValidationError } = require('../support/errors');
const { eachDay, isWeekend } = require('./working-days');

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

class TeamCalendar {
  constructor({ employees, leave }) {
    this.employees = employees;
    this.leave = leave;
  }

  async month(teamId, month) {
    const parsed = MONTH.exec(month || '');
    if (!parsed) throw new ValidationError('month must look like 2026-12', [{ field: 'month', rule: 'month' }]);
    const [, year, mm] = parsed;
    const lastDay = new Date(Date.UTC(Number(year), Number(mm), 0)).getUTCDate();
    const first = `${year}-${mm}-01`;
    const last = `${year}-${mm}-${String(lastDay).padStart(2, '0')}`;

    const members = await this.employees.findByTeam(teamId);
    const requests = await this.leave.forEmployees(members.map((member) => member.id));
    // Loaded on first use: the calendar export is the only caller that needs every country.
    const { publicHolidays } = require('../calendar/public-holidays');

    const days = [];
    eachDay(first, last, (date) => {
      const day = date.toISOString().slice(0, 10);
      const away = requests
        .filter((request) => request.status !== 'rejected' && request.startDate <= day && request.endDate >= day)
        .map((request) => request.employeeId);
      const holidayIn = [...new Set(members.map((member) => member.country))].filter((country) =>
        publicHolidays(country, Number(year)).has(day),
      );
      days.push({ day, weekend: isWeekend(date), holidayIn, away });
    });
    return { teamId, month, members: members.map((member) => member.id), days };
  }
}

module.exports = { TeamCalendar };
