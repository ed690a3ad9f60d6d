export type Day = "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun";

/** "HH:MM" on a 24-hour clock. A shift whose end is not after its start runs past midnight. */
export type Clock = string;

export interface ShiftTemplate {
  id: string;
  day: Day;
  start: Clock;
  end: Clock;
  role: "till" | "stock" | "lead";
  needed: number;
}

export interface LeaveRange {
  from: string;
  to: string;
}

export interface Employee {
  id: string;
  name: string;
  roles: Array<ShiftTemplate["role"]>;
  maxHours: number;
  /** Days the contract allows; absent means any day. */
  days?: Day[];
  leave: LeaveRange[];
}

export interface Assignment {
  shiftId: string;
  day: Day;
  date: string;
  start: Clock;
  end: Clock;
  role: ShiftTemplate["role"];
  employeeId: string;
}

export interface RotaPlan {
  storeId: string;
  weekOf: string;
  assignments: Assignment[];
  unfilled: Array<{ shiftId: string; missing: number }>;
  hours: Record<string, number>;
}
