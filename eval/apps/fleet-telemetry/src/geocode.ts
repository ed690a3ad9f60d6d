export interface Place {
  label: string;
  city: string;
}

export interface Geocoder {
  reverse(lat: number, lon: number): Promise<Place>;
}

/** Client for the in-house geocoding service (a Nominatim deployment behind the VPN). */
export function createGeocoder(baseUrl: string): Geocoder {
  return {
    async reverse(lat, lon) {
      const response = await fetch(`${baseUrl}/reverse?lat=${lat}&lon=${lon}&format=json`);
      if (!response.ok) throw new Error(`geocoder answered ${response.status}`);
      const body = (await response.json()) as { display_name: string; address: { city?: string; town?: string } };
      return { label: body.display_name, city: body.address.city ?? body.address.town ?? "" };
    },
  };
}
