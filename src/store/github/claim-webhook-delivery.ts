import type { Sql } from "../sql.ts";

// Records a webhook delivery id; false when it was recorded before (GitHub redelivers on timeouts
// and people press "Redeliver"). Run inside the transaction that acts on the delivery, so a
// failure part-way leaves the id unrecorded and the redelivery is processed.

export async function claimWebhookDelivery(
  sql: Sql,
  delivery: { deliveryId: string; event: string; action: string | null; projectId: string | null; missionId: string | null; at: Date },
): Promise<boolean> {
  const rows = await sql.query(
    `insert into healing.webhook_deliveries (delivery_id, event, action, project_id, mission_id, received_at)
     values ($1, $2, $3, $4, $5, $6)
     on conflict (delivery_id) do nothing
     returning delivery_id`,
    [delivery.deliveryId, delivery.event, delivery.action, delivery.projectId, delivery.missionId, delivery.at.toISOString()],
  );
  return rows.length > 0;
}

export async function isWebhookDeliverySeen(sql: Sql, deliveryId: string): Promise<boolean> {
  const rows = await sql.query(`select 1 from healing.webhook_deliveries where delivery_id = $1`, [deliveryId]);
  return rows.length > 0;
}
