// Region names as a worker reads them.

/**
 * A place without the part it shares with the account's own region: a township worker (上饶市鄱阳县双港镇)
 * reads '彭家村村民委员会', not '鄱阳县双港镇彭家村村民委员会'.
 */
export function withinRegion(place: string, own: string): string {
  for (let i = 0; i + 2 <= own.length; i++) {
    const tail = own.slice(i);
    if (place.startsWith(tail) && place.length > tail.length) return place.slice(tail.length);
  }
  return place;
}
