// Survey definitions, as published from the Pulse editor.
export const SURVEYS = {
  'onboarding-2026q4': {
    id: 'onboarding-2026q4',
    title: 'How was your first week?',
    questions: [
      { id: 'nps', type: 'scale', min: 0, max: 10 },
      { id: 'channels', type: 'multi', options: ['email', 'chat', 'docs', 'webinar', 'phone'] },
      { id: 'role', type: 'single', options: ['admin', 'member', 'guest'] },
      { id: 'comment', type: 'text' },
    ],
  },
  'checkout-exit': {
    id: 'checkout-exit',
    title: 'Why did you not finish?',
    questions: [
      { id: 'reasons', type: 'multi', options: ['price', 'shipping', 'payment', 'trust', 'other'] },
      { id: 'effort', type: 'scale', min: 1, max: 5 },
    ],
  },
};
