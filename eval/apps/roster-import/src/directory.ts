export interface Person {
  employeeId: string;
  name: string;
  email: string;
  department: string;
  managerEmail: string | null;
}

/** The people directory, keyed by work email (it is how people sign in). */
export class Directory {
  readonly people = new Map<string, Person>();

  upsert(person: Person): "created" | "updated" {
    const existed = this.people.has(person.email);
    this.people.set(person.email, person);
    return existed ? "updated" : "created";
  }
}
