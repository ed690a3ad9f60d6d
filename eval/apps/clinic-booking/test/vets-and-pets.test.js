'use strict';

const { startClinic } = require('./helpers');

describe('vets', () => {
  let clinic;
  beforeAll(async () => {
    clinic = await startClinic();
  });
  afterAll(() => clinic.close());

  test('lists vets by clinic and species', async () => {
    const res = await clinic.call('GET', '/vets?clinic=c_harbour&species=cat');
    expect(res.body.vets.map((v) => v.id)).toEqual(['v_104']);
  });

  test('shows a vet with the clinic name', async () => {
    const res = await clinic.call('GET', '/vets/v_105');
    expect(res.body.vet.clinic).toBe('Paws & Claws Harbour');
  });

  test('answers 404 for a vet who is not on the roster', async () => {
    const res = await clinic.call('GET', '/vets/v_999');
    expect(res.status).toBe(404);
    expect(res.body.error).toEqual({ status: 404, message: 'Vet v_999 not found' });
  });
});

describe('pets', () => {
  let clinic;
  beforeEach(async () => {
    clinic = await startClinic();
  });
  afterEach(() => clinic.close());

  test('registers a pet and reuses an owner with the same phone', async () => {
    const res = await clinic.call('POST', '/pets', { name: 'Olive', species: 'cat', owner: { name: 'Maren Holt', phone: '0151 1234 5678' } });
    expect(res.status).toBe(201);
    expect(res.body.owner.id).toBe('o_31');
  });

  test('creates a new owner for an unknown phone', async () => {
    const res = await clinic.call('POST', '/pets', { name: 'Rex', species: 'reptile', owner: { name: 'Ida Berg', phone: '0049 170 1112223' } });
    expect(res.body.owner).toMatchObject({ name: 'Ida Berg', phone: '+491701112223' });
  });

  test('rejects an unknown species', async () => {
    const res = await clinic.call('POST', '/pets', { name: 'Nemo', species: 'fish', owner: { name: 'Ida Berg', phone: '0170 1112223' } });
    expect(res.status).toBe(400);
  });
});
