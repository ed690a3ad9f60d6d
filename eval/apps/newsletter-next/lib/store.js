export const TOPICS = ['growing', 'recipes', 'events', 'offers'];
export const DEFAULT_PREFERENCES = { topics: TOPICS, frequency: 'weekly' };

function seed() {
  return {
    subscribers: [
      { id: 'sub_1001', email: 'ruth@example.org', status: 'active', preferences: { topics: ['growing', 'events'], frequency: 'weekly' } },
      { id: 'sub_1002', email: 'dev.patel@example.com', status: 'active', preferences: { topics: ['recipes'], frequency: 'monthly' } },
      { id: 'sub_1003', email: 'olu@example.net', status: 'unsubscribed', preferences: { topics: TOPICS, frequency: 'weekly' } },
      { id: 'sub_1004', email: 'hedge.fund@example.co.uk', status: 'active', preferences: { topics: ['growing', 'offers'], frequency: 'weekly' } },
      // Imported from the old Mailchimp list in 2024: no preferences were ever stored.
      { id: 'sub_0417', email: 'margaret.h@example.org', status: 'active' },
      { id: 'sub_0452', email: 'allotment.42@example.com', status: 'active' },
    ],
    campaigns: [
      { id: 'c-2611', subject: 'Garlic goes in now', topic: 'growing', sentAt: null },
      { id: 'c-2612', subject: 'Squash soup, three ways', topic: 'recipes', sentAt: null },
    ],
    outbox: [],
  };
}

export const store = seed();

export function resetStore() {
  Object.assign(store, seed());
}
