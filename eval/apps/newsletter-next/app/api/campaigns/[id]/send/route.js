import { store } from '../../../../../lib/store.js';
import { unsubscribeToken } from '../../../../../lib/tokens.js';

// Called by the send worker when a campaign is due. Idempotent: a sent campaign is not resent.
export async function POST(request, { params }) {
  const { id } = await params;
  const campaign = store.campaigns.find((c) => c.id === id);
  if (!campaign) return Response.json({ error: 'Not found' }, { status: 404 });
  if (campaign.sentAt) return Response.json({ id, alreadySent: true, sentAt: campaign.sentAt });

  const recipients = store.subscribers.filter((s) => s.status === 'active' && s.preferences.topics.includes(campaign.topic));
  for (const subscriber of recipients) {
    store.outbox.push({ to: subscriber.email, subject: campaign.subject, unsubscribe: `https://theallotment.news/api/unsubscribe?token=${unsubscribeToken(subscriber.id)}` });
  }
  campaign.sentAt = new Date().toISOString();
  return Response.json({ id, recipients: recipients.length });
}
