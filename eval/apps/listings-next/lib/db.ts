export type Photo = { url: string; width: number; height: number };

export type Listing = {
  id: string;
  market: string;
  title: string;
  price: number;
  /** Listings from the ImmoFeed partner import carry no currency; the market's applies. */
  currency?: string;
  bedrooms: number;
  areaM2: number;
  source: "agent" | "immofeed";
  /** Photos deleted in the CMS leave a null in their slot until the gallery is re-saved. */
  photos: Array<Photo | null>;
};

export type ViewingRequest = { listingId: string; name: string; email: string; slot: string };

const LISTINGS: Listing[] = [
  { id: "L-40211", market: "lisbon", title: "T2 with river view, Alcântara", price: 465000, currency: "EUR", bedrooms: 2, areaM2: 86, source: "agent", photos: [{ url: "/l/40211/1.jpg", width: 1600, height: 1067 }, { url: "/l/40211/2.jpg", width: 1600, height: 1200 }] },
  { id: "L-40217", market: "lisbon", title: "Renovated T1 in Graça", price: 329000, currency: "EUR", bedrooms: 1, areaM2: 54, source: "agent", photos: [{ url: "/l/40217/1.jpg", width: 1600, height: 1067 }, null, { url: "/l/40217/3.jpg", width: 1200, height: 1600 }] },
  { id: "L-40302", market: "porto", title: "Townhouse near Bonfim", price: 540000, currency: "EUR", bedrooms: 4, areaM2: 190, source: "agent", photos: [{ url: "/l/40302/1.jpg", width: 1600, height: 1067 }] },
  { id: "L-51007", market: "london", title: "Two-bed flat, Hackney Wick", price: 585000, currency: "GBP", bedrooms: 2, areaM2: 71, source: "agent", photos: [{ url: "/l/51007/1.jpg", width: 1600, height: 900 }] },
  { id: "IF-88410", market: "lisbon", title: "T3 apartment, Parque das Nações", price: 612000, bedrooms: 3, areaM2: 124, source: "immofeed", photos: [{ url: "/if/88410/a.jpg", width: 1280, height: 853 }] },
  { id: "IF-88455", market: "porto", title: "T2 in Foz do Douro", price: 398000, bedrooms: 2, areaM2: 92, source: "immofeed", photos: [] },
];

export const db = {
  listings: LISTINGS,
  viewings: [] as ViewingRequest[],
  find(id: string): Listing | undefined {
    return LISTINGS.find((listing) => listing.id === id);
  },
};
