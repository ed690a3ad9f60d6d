'use strict';

const express = require('express');
const { HttpError } = require('../errors');

function vetsRouter(store) {
  const router = express.Router();

  router.get('/', (req, res) => {
    const { clinic, species } = req.query;
    let vets = store.vets;
    if (clinic) vets = vets.filter((vet) => vet.clinicId === clinic);
    if (species) vets = vets.filter((vet) => vet.species.includes(species));
    res.json({ vets });
  });

  router.get('/:vetId', (req, res) => {
    const vet = store.vets.find((v) => v.id === req.params.vetId);
    if (!vet) throw new HttpError(404, `Vet ${req.params.vetId} not found`);
    const clinic = store.clinics.get(vet.clinicId);
    res.json({ vet: { ...vet, clinic: clinic.name } });
  });

  router.get('/:vetId/appointments', (req, res) => {
    const vet = store.vets.find((v) => v.id === req.params.vetId);
    if (!vet) throw new HttpError(404, `Vet ${req.params.vetId} not found`);
    const day = req.query.day;
    const appointments = store.appointments.filter((a) => a.vetId === vet.id && (!day || a.startsAt.startsWith(day)));
    res.json({ appointments });
  });

  return router;
}

module.exports = { vetsRouter };
