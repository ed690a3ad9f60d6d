export interface FirmwareRelease {
  version: string;
  publishedAt: string;
}

export class FirmwareClient {
  constructor(private readonly baseUrl: string) {}

  async latest(model: string): Promise<FirmwareRelease> {
    const response = await fetch(`${this.baseUrl}/models/${encodeURIComponent(model)}/latest`, {
      headers: { accept: "application/json" },
      signal: AbortSignal.timeout(2000),
    });
    if (!response.ok) throw new Error(`firmware registry answered ${response.status} for ${model}`);
    return (await response.json()) as FirmwareRelease;
  }
}
