'use strict';

const express = require('express');
const { HttpError } = require('../errors');
const { normalizePhone } = require('../lib/phone');

const SPECIES = ['dog', 'cat', 'rabbit', 'bird', 'reptile'];

function petsRouter(store) {
  const router = express.Router();

  router.get('/:petId', (req, res) => {
    const pet = store.pets.get(req.params.petId);
    if (!pet) throw new HttpError(404, `Pet ${req.params.petId} not found`);
    res.json({ pet, owner: store.owners.get(pet.ownerId) });
  });

  // Registers a pet together with its owner; owners are matched by phone number so a family
  // registering a second pet is not duplicated.
  router.post('/', (req, res) => {
    const { name, species, owner } = req.body;
    if (!name || !SPECIES.includes(species)) {
      throw new HttpError(400, 'name and a known species are required', { species: SPECIES });
    }
    const phone = normalizePhone(owner.phone);
    let existing = [...store.owners.values()].find((o) => o.phone === phone);
    if (!existing) {
      existing = { id: store.nextId('o'), name: owner.name, phone };
      store.owners.set(existing.id, existing);
    }
    const pet = { id: store.nextId('p'), name, species, ownerId: existing.id };
    store.pets.set(pet.id, pet);
    res.status(201).json({ pet, owner: existing });
  });

  return router;
}

module.exports = { petsRouter };
