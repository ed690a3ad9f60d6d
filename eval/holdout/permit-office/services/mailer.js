'use strict';

/** Sends permit e-mails through the city's mail relay; `transport.send` answers { messageId }. */
function createMailer(transport) {
  return {
    async sendPermit(to, permit) {
      const { messageId } = await transport.send({
        to,
        template: 'parking-permit',
        data: { permitId: permit.id, plate: permit.plate, zone: permit.zone, validFrom: permit.validFrom, validTo: permit.validTo, price: (permit.price / 100).toFixed(2) },
      });
      return { id: messageId };
    },
  };
}

module.exports = { createMailer };
