'use strict';

// In-memory stand-in for the clinic database, seeded like the staging snapshot.
function createStore() {
  const clinics = new Map([
    ['c_north', { id: 'c_north', name: 'Paws & Claws North', opensAt: '08:00', closesAt: '18:00' }],
    ['c_harbour', { id: 'c_harbour', name: 'Paws & Claws Harbour', opensAt: '09:00', closesAt: '19:00' }],
  ]);

  const vets = [
    { id: 'v_101', name: 'Dr. Amara Osei', clinicId: 'c_north', slotMinutes: 20, species: ['dog', 'cat'] },
    { id: 'v_102', name: 'Dr. Jonas Brandt', clinicId: 'c_north', slotMinutes: 30, species: ['dog', 'cat', 'rabbit'] },
    { id: 'v_104', name: 'Dr. Lucía Ferrer', clinicId: 'c_harbour', slotMinutes: 20, species: ['cat', 'bird'] },
    { id: 'v_105', name: 'Dr. Kenji Watanabe', clinicId: 'c_harbour', slotMinutes: 40, species: ['dog', 'reptile'] },
  ];

  const owners = new Map([
    ['o_31', { id: 'o_31', name: 'Maren Holt', phone: '+4915112345678' }],
    ['o_32', { id: 'o_32', name: 'Tomasz Nowak', phone: '+4917699887766' }],
    ['o_35', { id: 'o_35', name: 'Priya Raman', phone: '+4915255501234' }],
  ]);

  const pets = new Map([
    ['p_2001', { id: 'p_2001', name: 'Biscuit', species: 'dog', ownerId: 'o_31' }],
    ['p_2002', { id: 'p_2002', name: 'Mochi', species: 'cat', ownerId: 'o_32' }],
    ['p_2003', { id: 'p_2003', name: 'Hazel', species: 'rabbit', ownerId: 'o_35' }],
    ['p_2004', { id: 'p_2004', name: 'Pico', species: 'bird', ownerId: 'o_35' }],
  ]);

  let sequence = 5000;
  return {
    clinics,
    vets,
    owners,
    pets,
    appointments: [],
    nextId(prefix) {
      sequence += 1;
      return `${prefix}_${sequence}`;
    },
  };
}

module.exports = { createStore };
