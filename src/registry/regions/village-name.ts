// The everyday name of a village or community, as written in addresses: the committee suffix of the
// statistical name dropped ('龙山村民委员会' → '龙山村', '桥下社区居民委员会' → '桥下社区').

const SUFFIXES: [suffix: string, replacement: string][] = [
  ['社区居民委员会', '社区'],
  ['社区居委会', '社区'],
  ['居民委员会', '居委会'],
  ['村民委员会', '村'],
  ['村委会', '村'],
];

export function villageShortName(name: string): string {
  for (const [suffix, replacement] of SUFFIXES) {
    if (name.endsWith(suffix)) {
      const stem = name.slice(0, -suffix.length);
      // '王权村村民委员会' already carries 村 in the stem
      if (replacement === '村' && stem.endsWith('村')) return stem;
      return stem + replacement;
    }
  }
  return name;
}
