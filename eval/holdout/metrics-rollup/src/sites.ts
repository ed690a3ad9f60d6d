import type { SiteConfig } from "./lib/summarize.ts";

export const SITES: SiteConfig[] = [
  { id: "shop-nl", vitals: true },
  { id: "shop-be", vitals: true },
  { id: "blog", vitals: false },
  { id: "docs", vitals: false },
  { id: "careers", vitals: false },
  { id: "shop-de", vitals: true },
  { id: "status", vitals: false },
  { id: "help", vitals: false },
];
