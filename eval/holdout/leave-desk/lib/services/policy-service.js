'use strict';

const { NotFoundError } = require('../support/errors');

class PolicyService {
  constructor(policies) {
    this.policies = new Map(policies.map((policy) => [policy.code, policy]));
  }

  list() {
    return [...this.policies.values()];
  }

  get(code) {
    const policy = this.policies.get(code);
    if (!policy) throw new NotFoundError(`No leave policy '${code}'`);
    return policy;
  }

  policyFor(employee) {
    return this.get(employee.policyCode);
  }

  allowanceFor(employee, type) {
    const policy = this.policyFor(employee);
    const allowance = policy.allowances[type];
    if (!allowance) throw new NotFoundError(`Policy ${policy.code} has no '${type}' leave`);
    return allowance;
  }
}

module.exports = { PolicyService };
