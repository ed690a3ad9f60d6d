// The HR database, as far as payroll needs it. Seeded from the anonymised fixture.
export function createDb() {
  const employees = new Map(
    [
      { id: 'E1001', name: 'Hannah Weiss', department: 'Engineering', annualSalary: 78000, taxCode: 'I', iban: 'DE89370400440532013000' },
      { id: 'E1002', name: 'Okonkwo Eze', department: 'Engineering', annualSalary: 91000, taxCode: 'I', iban: 'DE02120300000000202051' },
      { id: 'E1007', name: 'Lena Vogt', department: 'Sales', annualSalary: 54000, taxCode: 'III', iban: 'DE02500105170137075030' },
      { id: 'E1010', name: 'Rafael Costa', department: 'Support', annualSalary: 46800, taxCode: 'I', iban: 'DE88100900001234567892' },
      { id: 'E1013', name: 'Mia Schröder', department: 'Finance', annualSalary: 66000, taxCode: 'IV', iban: 'DE12500105170648489890' },
    ].map((employee) => [employee.id, employee]),
  );

  // One-off amounts for a period: overtime, bonuses, corrections (negative).
  const adjustments = [
    { employeeId: 'E1010', period: '2026-11', kind: 'overtime', amount: 412.5 },
    { employeeId: 'E1007', period: '2026-11', kind: 'bonus', amount: 1500 },
    { employeeId: 'E1010', period: '2026-11', kind: 'correction', amount: -37.2 },
  ];

  // Closed pay runs keep the payslips exactly as they were paid.
  const payruns = new Map([
    [
      '2026-10',
      {
        period: '2026-10',
        closedAt: '2026-10-28T16:02:11Z',
        payslips: [
          { employeeId: 'E1001', gross: 6500, tax: 1430.5, net: 5069.5 },
          { employeeId: 'E1002', gross: 7583.33, tax: 1877.33, net: 5706 },
          { employeeId: 'E1007', gross: 4500, tax: 630, net: 3870 },
          { employeeId: 'E1010', gross: 3900, tax: 624.75, net: 3275.25 },
          { employeeId: 'E1013', gross: 5500, tax: 1018.9, net: 4481.1 },
        ],
      },
    ],
  ]);

  return {
    employees,
    adjustmentsFor(employeeId, period) {
      return adjustments.filter((a) => a.employeeId === employeeId && a.period === period);
    },
    payrun(period) {
      return payruns.get(period);
    },
  };
}
