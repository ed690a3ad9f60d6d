export type EpisodeStatus = "processing" | "published" | "unlisted";

export type Episode = {
  id: string;
  showSlug: string;
  title: string;
  number: number;
  status: EpisodeStatus;
  publishedAt?: string;
  durationSec?: number;
  sizeMb?: number;
  audioUrl?: string;
};

export type Show = {
  slug: string;
  title: string;
  host: string;
  language: string;
};

export type Db = {
  shows: Map<string, Show>;
  episodes: Episode[];
};

export function seedDb(): Db {
  const shows = new Map<string, Show>([
    ["night-shift", { slug: "night-shift", title: "Night Shift", host: "Dana Okafor", language: "en" }],
    ["tidewater", { slug: "tidewater", title: "Tidewater", host: "Ines Marlowe", language: "en" }],
    ["kurzwelle", { slug: "kurzwelle", title: "Kurzwelle", host: "Jan Petersen", language: "de" }],
  ]);
  const episodes: Episode[] = [
    { id: "ep_1039", showSlug: "night-shift", title: "The 3 a.m. economy", number: 41, status: "published", publishedAt: "2026-11-05T05:00:00Z", durationSec: 2874, sizeMb: 46.1, audioUrl: "https://cdn.wavelength.fm/ns/41.mp3" },
    { id: "ep_1041", showSlug: "night-shift", title: "Lighthouse keepers", number: 42, status: "published", publishedAt: "2026-11-12T05:00:00Z", durationSec: 3310, sizeMb: 53.0, audioUrl: "https://cdn.wavelength.fm/ns/42.mp3" },
    { id: "ep_1040", showSlug: "tidewater", title: "Salt marsh", number: 17, status: "published", publishedAt: "2026-11-10T06:00:00Z", durationSec: 1985, sizeMb: 31.8, audioUrl: "https://cdn.wavelength.fm/tw/17.mp3" },
    { id: "ep_1042", showSlug: "tidewater", title: "Bonus: listener questions", number: 18, status: "unlisted", publishedAt: "2026-11-14T06:00:00Z", durationSec: 960, sizeMb: 15.4, audioUrl: "https://cdn.wavelength.fm/tw/18.mp3" },
    { id: "ep_1038", showSlug: "kurzwelle", title: "Funkstille", number: 88, status: "published", publishedAt: "2026-11-11T04:00:00Z", durationSec: 1512, sizeMb: 24.2, audioUrl: "https://cdn.wavelength.fm/kw/88.mp3" },
  ];
  return { shows, episodes };
}
