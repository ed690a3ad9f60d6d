// Magnus formula constants (Alduchov & Eskridge 1996), good from -40 °C to 50 °C.
const A = 17.625;
const B = 243.04;

export function dewPoint(celsius: number, relativeHumidity: number): number {
  const gamma = Math.log(relativeHumidity / 100) + (A * celsius) / (B + celsius);
  return (B * gamma) / (A - gamma);
}
