'use strict';

const express = require('express');
const { HttpError } = require('../errors');
const { slotsFor, addMinutes, overlaps, withinOpeningHours } = require('../lib/slots');

function appointmentsRouter(store) {
  const router = express.Router();

  router.post('/', (req, res) => {
    const { petId, vetId, startsAt, reason } = req.body;
    if (!petId || !vetId || !startsAt || Number.isNaN(Date.parse(startsAt))) {
      throw new HttpError(400, 'petId, vetId and an ISO startsAt are required');
    }
    const pet = store.pets.get(petId);
    if (!pet) throw new HttpError(404, `Pet ${petId} not found`);

    const vet = store.vets.find((v) => v.id === vetId);
    const minutes = vet.slotMinutes * slotsFor(pet.species);
    const clinic = store.clinics.get(vet.clinicId);
    const appointment = {
      id: store.nextId('a'),
      petId,
      vetId,
      clinicId: clinic.id,
      startsAt: new Date(startsAt).toISOString(),
      endsAt: addMinutes(startsAt, minutes),
      reason: reason || 'check-up',
    };

    if (!withinOpeningHours(clinic, appointment.startsAt, appointment.endsAt)) {
      throw new HttpError(422, `${clinic.name} is closed at that time`);
    }
    const clash = store.appointments.find((a) => a.vetId === vetId && overlaps(a, appointment));
    if (clash) throw new HttpError(409, `Slot already booked for ${vet.name}`, { next: clash.endsAt });

    store.appointments.push(appointment);
    res.status(201).json({ appointment });
  });

  router.delete('/:appointmentId', (req, res) => {
    const index = store.appointments.findIndex((a) => a.id === req.params.appointmentId);
    if (index === -1) throw new HttpError(404, 'Appointment not found');
    store.appointments.splice(index, 1);
    res.status(204).end();
  });

  return router;
}

module.exports = { appointmentsRouter };
