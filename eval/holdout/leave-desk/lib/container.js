'use strict';

const seed = require('./seed');
const { EmployeeRepository } = require('./repositories/employee-repository');
const { LeaveRepository } = require('./repositories/leave-repository');
const { PolicyService } = require('./services/policy-service');
const { LeaveService } = require('./services/leave-service');
const { TeamCalendar } = require('./services/team-calendar');
const { WorkingDays } = require('./services/working-days');

/**
 * Wires the services once per process. Tests pass their own data and reporter.
 * @param {{ reporter?: { warn: Function, error: Function }, data?: typeof seed }} [options]
 */
function createContainer(options = {}) {
  const data = options.data || seed;
  const employees = new EmployeeRepository(data.employees);
  const leave = new LeaveRepository(data.leave);
  const policies = new PolicyService(data.policies);
  const workingDays = new WorkingDays();
  return {
    reporter: options.reporter || { warn() {}, error() {} },
    employees,
    leave,
    policies,
    leaveService: new LeaveService({ employees, leave, policies, workingDays }),
    teamCalendar: new TeamCalendar({ employees, leave }),
  };
}

module.exports = { createContainer };
