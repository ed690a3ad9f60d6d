// Encoding ladder per show language; German shows get a higher-bitrate AAC for the radio partner.
export type Preset = { id: string; codec: "mp3" | "aac" | "opus"; kbps: number };

const LADDER: Preset[] = [
  { id: "mp3-128", codec: "mp3", kbps: 128 },
  { id: "aac-64", codec: "aac", kbps: 64 },
  { id: "opus-48", codec: "opus", kbps: 48 },
];

export function presetsFor(language: string): Preset[] {
  if (language === "de") return [...LADDER, { id: "aac-192", codec: "aac", kbps: 192 }];
  return LADDER;
}
