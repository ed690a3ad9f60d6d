'use strict';

const policies = [
  {
    code: 'DE-2026',
    allowances: {
      annual: { daysPerYear: 28, carryOverMax: 5, requiresApproval: true },
      sick: { daysPerYear: 30, carryOverMax: 0, requiresApproval: false },
      parental: { daysPerYear: 60, carryOverMax: 0, requiresApproval: true },
      study: { daysPerYear: 5, carryOverMax: 0, requiresApproval: true },
    },
  },
  {
    code: 'UK-2026',
    allowances: {
      annual: { daysPerYear: 25, carryOverMax: 5, requiresApproval: true },
      sick: { daysPerYear: 20, carryOverMax: 0, requiresApproval: false },
      wellbeing: { daysPerYear: 2, carryOverMax: 0, requiresApproval: false },
    },
  },
  {
    code: 'NL-2026',
    allowances: {
      annual: { daysPerYear: 25, carryOverMax: 10, requiresApproval: true },
      sick: { daysPerYear: 40, carryOverMax: 0, requiresApproval: false },
    },
  },
];

const employees = [
  { id: 'e-1001', name: 'Mara Klein', teamId: 'platform', country: 'DE', policyCode: 'DE-2026', carriedOver: 3 },
  { id: 'e-1002', name: 'Tom Ashby', teamId: 'platform', country: 'UK', policyCode: 'UK-2026', carriedOver: 0 },
  { id: 'e-1003', name: 'Joost de Wit', teamId: 'platform', country: 'NL', policyCode: 'NL-2026', carriedOver: 12 },
  { id: 'e-1004', name: 'Lena Vogt', teamId: 'payments', country: 'DE', policyCode: 'DE-2026', carriedOver: 0 },
  { id: 'e-1005', name: 'Priya Nair', teamId: 'payments', country: 'UK', policyCode: 'UK-2026', carriedOver: 2 },
  { id: 'e-1006', name: 'Sanne Bos', teamId: 'payments', country: 'NL', policyCode: 'NL-2026', carriedOver: 4 },
  { id: 'e-1007', name: 'Felix Brandt', teamId: 'support', country: 'DE', policyCode: 'DE-2026', carriedOver: 1 },
  { id: 'e-1008', name: 'Olivia Hart', teamId: 'support', country: 'UK', policyCode: 'UK-2026', carriedOver: 5 },
];

const leave = [
  { id: 'LR-0991', employeeId: 'e-1001', type: 'annual', startDate: '2026-12-21', endDate: '2026-12-24', days: 4, note: null, status: 'approved' },
  { id: 'LR-0992', employeeId: 'e-1005', type: 'annual', startDate: '2026-12-28', endDate: '2026-12-31', days: 4, note: null, status: 'approved' },
  { id: 'LR-0993', employeeId: 'e-1003', type: 'sick', startDate: '2026-11-16', endDate: '2026-11-17', days: 2, note: null, status: 'approved' },
];

module.exports = { policies, employees, leave };
