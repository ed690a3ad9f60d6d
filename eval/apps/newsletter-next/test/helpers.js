export function request(path, init) {
  return new Request(`https://theallotment.news${path}`, init);
}

export function params(id) {
  return { params: Promise.resolve({ id }) };
}
