'use strict';

const { ConflictError, NotFoundError, ValidationError } = require('../support/errors');
const { check } = require('../support/validation');

const LEAVE_INPUT = {
  type: 'string',
  startDate: 'day',
  endDate: 'day',
  note: 'optionalString',
};

class LeaveService {
  /**
   * @param {{ employees: import('../repositories/employee-repository').EmployeeRepository,
   *           leave: import('../repositories/leave-repository').LeaveRepository,
   *           policies: import('./policy-service').PolicyService,
   *           workingDays: import('./working-days').WorkingDays }} deps
   */
  constructor({ employees, leave, policies, workingDays }) {
    this.employees = employees;
    this.leave = leave;
    this.policies = policies;
    this.workingDays = workingDays;
  }

  async employeeOrFail(employeeId) {
    const employee = await this.employees.findById(employeeId);
    if (!employee) throw new NotFoundError(`No employee '${employeeId}'`);
    return employee;
  }

  async balance(employeeId, type, year) {
    const employee = await this.employeeOrFail(employeeId);
    const allowance = this.policies.allowanceFor(employee, type);
    const taken = await this.leave.daysTaken(employee.id, type, year);
    const carried = Math.min(employee.carriedOver || 0, allowance.carryOverMax);
    return { type, year, entitled: allowance.daysPerYear + carried, taken, remaining: allowance.daysPerYear + carried - taken };
  }

  async request(employeeId, input) {
    const request = check(input, LEAVE_INPUT);
    if (request.endDate < request.startDate) {
      throw new ValidationError('endDate is before startDate', [{ field: 'endDate', rule: 'after startDate' }]);
    }
    const employee = await this.employeeOrFail(employeeId);
    const policy = this.policies.policyFor(employee);
    const allowance = policy.allowances[request.type];
    const year = Number(request.startDate.slice(0, 4));
    const days = this.workingDays.between(request.startDate, request.endDate, employee.country);
    const taken = await this.leave.daysTaken(employee.id, request.type, year);
    const carried = Math.min(employee.carriedOver || 0, allowance.carryOverMax);
    const remaining = allowance.daysPerYear + carried - taken;
    if (days > remaining) {
      throw new ValidationError(`Only ${remaining} ${request.type} days left in ${year}`, [{ field: 'endDate', rule: 'balance' }]);
    }
    const overlap = await this.leave.findOverlap(employee.id, request.startDate, request.endDate);
    if (overlap) {
      throw new ConflictError(`Leave request overlaps ${overlap.id} (${overlap.startDate} to ${overlap.endDate})`, { overlapping: overlap.id });
    }
    return this.leave.create({
      employeeId: employee.id,
      type: request.type,
      startDate: request.startDate,
      endDate: request.endDate,
      days,
      note: request.note || null,
      status: allowance.requiresApproval ? 'pending' : 'approved',
    });
  }
}

module.exports = { LeaveService };
