// Statements prepared once per PostgreSQL connection. Every API push and page view runs the same short
// statements; unprepared, PostgreSQL parses and plans each one every time, which measured as a fifth of its
// work under a stream of pushes (2 ms a push). A constant statement marked here is sent by name: parsed once
// per connection, and planned once PostgreSQL finds a generic plan as good as the custom ones.
//
// Only constant texts belong here (the set grows with each distinct text and never shrinks), only
// statements whose best plan does not depend on their parameters (keyed look-ups, single-row writes), and
// none that selects `*`: a column a migration adds would make PostgreSQL refuse the statement on
// connections that prepared it before. PGlite runs everything unnamed.

const names = new Map<string, string>();

/** Marks a constant statement to be prepared on each connection; returns it unchanged. */
export function prepared(sql: string): string {
  if (!names.has(sql)) names.set(sql, `sn_prepared_${names.size + 1}`);
  return sql;
}

/** The name a marked statement is prepared under, if it is marked. */
export function preparedName(sql: string): string | undefined {
  return names.get(sql);
}
