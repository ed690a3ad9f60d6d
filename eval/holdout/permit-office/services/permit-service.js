'use strict';

const { PermitError } = require('./errors');
const { yearlyPrice, ZONES } = require('./pricing');
const { normalisePlate } = require('./registry-client');

const DAY = 86_400_000;
const RENEWAL_OPENS_DAYS = 30;

function addYear(isoDate) {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCFullYear(date.getUTCFullYear() + 1);
  return date.toISOString().slice(0, 10);
}

class PermitService {
  constructor({ registry, store, mailer, today = () => new Date().toISOString().slice(0, 10) }) {
    this.registry = registry;
    this.store = store;
    this.mailer = mailer;
    this.today = today;
  }

  async apply(input) {
    if (!ZONES[input.zone]) throw new PermitError(422, `zone must be one of ${Object.keys(ZONES).join(', ')}`);
    const plate = normalisePlate(input.plate);
    const vehicle = await this.registry.findVehicle(plate);
    const price = yearlyPrice(input.zone, vehicle.emissionClass);
    if (vehicle.ownerId !== input.residentId && vehicle.leaseHolderId !== input.residentId) {
      throw new PermitError(403, `${plate} is not registered to resident ${input.residentId}`);
    }
    if (this.store.permitsFor(plate).some((p) => p.validTo >= this.today())) {
      throw new PermitError(409, `${plate} already has a valid permit`);
    }
    const application = this.store.saveApplication({ residentId: input.residentId, email: input.email, plate, zone: input.zone, price });
    return this.issue(
      { ...application, validFrom: this.today() },
      { notify: (permit) => this.mailer.sendPermit(application.email, permit) },
    );
  }

  async issue(application, options = {}) {
    const { notify } = options;
    const permit = this.store.savePermit({
      applicationId: application.id,
      plate: application.plate,
      zone: application.zone,
      price: application.price,
      validFrom: application.validFrom,
      validTo: addYear(application.validFrom),
    });
    const receipt = await notify(permit);
    return { ...permit, receiptId: receipt.id };
  }

  async renew(permitId) {
    const current = this.store.getPermit(permitId);
    if (!current) throw new PermitError(404, `no permit ${permitId}`);
    const daysLeft = Math.round((Date.parse(current.validTo) - Date.parse(this.today())) / DAY);
    if (daysLeft > RENEWAL_OPENS_DAYS) throw new PermitError(409, `renewal opens ${RENEWAL_OPENS_DAYS} days before ${current.validTo}`);
    const application = this.store.getApplication(current.applicationId);
    return this.issue({ ...application, validFrom: current.validTo });
  }
}

module.exports = { PermitService, addYear };
