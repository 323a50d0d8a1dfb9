const fold = (s: string) => s.toLowerCase().replace(/[_\s]+/g, ' ');

let zones: readonly string[] | undefined;
/** Every IANA zone this runtime knows, plus UTC (which the list leaves out). */
function allZones(): readonly string[] {
  return (zones ??= ['UTC', ...Intl.supportedValuesOf('timeZone')]);
}

/**
 * Time zones to offer while a user types one: "berl" and "europe/b" both find Europe/Berlin,
 * "new y" finds America/New_York. Zones whose city starts with the text come first.
 */
export function zoneChoices(typed: string, limit = 25): string[] {
  const q = fold(typed.trim());
  if (!q) return ['UTC', 'Europe/London', 'Europe/Berlin', 'America/New_York', 'America/Los_Angeles', 'Asia/Kolkata', 'Asia/Tokyo', 'Australia/Sydney'].slice(0, limit);
  const city = (zone: string) => fold(zone.slice(zone.lastIndexOf('/') + 1));
  const first = allZones().filter((z) => city(z).startsWith(q));
  const then = allZones().filter((z) => !city(z).startsWith(q) && fold(z).includes(q));
  return [...first, ...then].slice(0, limit);
}
