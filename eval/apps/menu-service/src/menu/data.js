const restaurants = {
  'fennel-kreuzberg': {
    id: 'fennel-kreuzberg',
    name: 'Fennel & Fig Kreuzberg',
    hours: {
      weekly: { mon: null, tue: ['11:30', '22:00'], wed: ['11:30', '22:00'], thu: ['11:30', '22:00'], fri: ['11:30', '23:00'], sat: ['10:00', '23:00'], sun: ['10:00', '21:00'] },
      exceptions: { '2026-12-24': null, '2026-12-31': ['10:00', '17:00'] },
    },
  },
  'fennel-mitte': {
    id: 'fennel-mitte',
    name: 'Fennel & Fig Mitte',
    // Opened in November; nobody has entered holiday hours yet.
    hours: {
      weekly: { mon: ['11:30', '21:30'], tue: ['11:30', '21:30'], wed: ['11:30', '21:30'], thu: ['11:30', '22:00'], fri: ['11:30', '22:30'], sat: ['12:00', '22:30'], sun: null },
    },
  },
};

const dishes = {
  D01: { id: 'D01', name: 'Charred leek soup', station: 'hot', prices: { regular: 7.5, large: 9.8 } },
  D02: { id: 'D02', name: 'Fig & burrata salad', station: 'cold', prices: { regular: 11.9 } },
  D03: { id: 'D03', name: 'Lamb kofta bowl', station: 'grill', prices: { regular: 16.5, large: 19.5 } },
  D04: { id: 'D04', name: 'Mushroom orzo', station: 'hot', prices: { small: 9.5, regular: 13.9 } },
  D05: { id: 'D05', name: 'Cardamom bun', station: 'pastry', prices: { regular: 3.9 } },
};

const extras = { feta: 1.5, 'extra-bread': 1.2, 'fried-egg': 1.8, halloumi: 2.5 };

module.exports = { restaurants, dishes, extras };
