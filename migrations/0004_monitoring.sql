-- Monitoring (主动发现): rules as versioned data, warnings with their evidence and history, comparison runs
-- with their work units and counts. See docs/rules.md.

-- A rule's identity. What it computes is code (src/monitoring/rule-catalogue.ts); what it is set to is data.
create table monitoring_rules (
  code text primary key,
  name text not null,
  scenario text not null,
  subject text not null check (subject in ('person', 'household')),
  feeds text[] not null,
  created_at timestamptz not null default now()
);

-- Every edit is a new row; rows are never updated. region_code null = the province's default; a city or
-- county code = an override that applies inside that region only. For a person the evaluator uses, among
-- the versions in force on the day, the most specific region, then the newest version.
create table monitoring_rule_versions (
  id bigint generated always as identity primary key,
  rule_code text not null references monitoring_rules (code),
  version integer not null,
  region_code text,
  level text not null check (level in ('red', 'yellow', 'blue')),
  enabled boolean not null,
  applies_to text not null check (applies_to in ('monitored', 'discovery', 'both')),
  params jsonb not null,
  effective_from date not null,
  effective_to date,
  note text,
  created_by text not null,
  created_by_user_id bigint,
  created_at timestamptz not null default now(),
  unique (rule_code, version),
  check (effective_to is null or effective_to >= effective_from)
);
create index monitoring_rule_versions_rule_region on monitoring_rule_versions (rule_code, region_code);

-- A comparison run: the full comparison (全面比对) split into units by county, or the evaluation after a
-- file import or an API push. Counts per rule live in comparison_run_counts.
create table comparison_runs (
  id bigint generated always as identity primary key,
  kind text not null check (kind in ('full', 'import', 'push')),
  status text not null default 'running' check (status in ('running', 'completed', 'failed')),
  today date not null,
  county_code text,
  feed text, -- the feed(s) of the imports evaluated, comma-separated
  import_id bigint, -- the import, when one alone was evaluated
  import_ids bigint[], -- every import evaluated (pushes arriving together are evaluated together)
  workers integer not null default 1,
  actor text not null,
  error text,
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  duration_ms integer
);
create index comparison_runs_kind_started on comparison_runs (kind, started_at);
create index comparison_runs_import on comparison_runs (import_id);

-- The work of a full run: units of whole counties (balanced by people; by default as many as workers,
-- because every unit scans each feed table once). Workers claim queued units with FOR UPDATE SKIP LOCKED.
-- People whose ID names no county of today (the province's routing queue) go with the first unit.
create table comparison_run_units (
  run_id bigint not null references comparison_runs (id),
  unit text not null,
  counties text[] not null,
  people integer not null default 0, -- registry people in the unit's counties when the run started
  rules_done integer not null default 0, -- progress inside a running unit
  ord integer not null, -- claiming order: the biggest units first, so that workers finish together
  status text not null default 'queued' check (status in ('queued', 'running', 'done', 'failed')),
  worker text,
  subjects integer,
  started_at timestamptz,
  finished_at timestamptz,
  duration_ms integer,
  error text,
  primary key (run_id, unit)
);
create index comparison_run_units_queued on comparison_run_units (run_id, ord) where status = 'queued';

-- People of a full run who are not in the registry (found once per run in the feeds' unmatched records),
-- by the unit that evaluates them (the one holding the county of their ID's address code). Emptied when
-- the run ends.
create table comparison_run_discovery (
  run_id bigint not null,
  unit text not null,
  id_number text not null,
  primary key (run_id, unit, id_number)
);

create table comparison_run_counts (
  run_id bigint not null references comparison_runs (id),
  unit text not null,
  rule_code text not null,
  firings integer not null,
  raised integer not null,
  updated integer not null,
  evidence_added integer not null,
  duration_ms integer not null,
  primary key (run_id, unit, rule_code)
);

-- A warning (预警). Subject: a person ('p:' || ID number) or a household ('h:' || id). The region columns
-- are the region that must act (the person's township; for people not in the registry the county of the
-- ID's address code, or nothing = the province's queue), laid out like households' so that the same scope
-- condition applies. At most one open warning per rule and subject.
-- Warnings, their evidence and events are written set-based by the thousand in a full comparison: like
-- the feed tables they carry no foreign keys (a per-row trigger each); versions and runs are never deleted.
create table warnings (
  id bigint generated always as identity primary key,
  rule_code text not null,
  rule_version_id bigint not null,
  rule_version integer not null,
  scenario text not null,
  level text not null check (level in ('red', 'yellow', 'blue')),
  status text not null default 'new' check (status in ('new', 'dispatched', 'verifying', 'closed', 'escalated')),
  subject_kind text not null check (subject_kind in ('person', 'household')),
  subject_key text not null,
  person_id bigint,
  household_id bigint,
  id_number text,
  person_name text,
  monitored boolean not null,
  region_code text not null,
  village_code text,
  township_code text,
  county_code text,
  city_code text,
  figures jsonb not null,
  summary text not null,
  summary_en text not null,
  evidence_count integer not null default 0,
  first_run_id bigint,
  last_run_id bigint,
  raised_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  closed_at timestamptz,
  version integer not null default 1
);
create unique index warnings_open_subject on warnings (rule_code, subject_key) where status <> 'closed';
create index warnings_township on warnings (township_code, raised_at);
create index warnings_county on warnings (county_code, raised_at);
create index warnings_city on warnings (city_code, raised_at);
create index warnings_village on warnings (village_code);
create index warnings_raised on warnings (raised_at);
create index warnings_person on warnings (person_id);
create index warnings_household on warnings (household_id);

-- The evidence: feed records, each used at most once per rule (the primary key). Evidence of a closed
-- warning is marked closed: it never counts again for that rule.
create table warning_evidence (
  rule_code text not null,
  feed text not null,
  record_id bigint not null,
  warning_id bigint not null,
  rule_version_id bigint not null,
  run_id bigint,
  closed boolean not null default false,
  added_at timestamptz not null default now(),
  primary key (rule_code, feed, record_id)
);
create index warning_evidence_warning on warning_evidence (warning_id);
-- "Not evidence of a closed warning of this rule" is asked for every record a rule reads.
create index warning_evidence_closed on warning_evidence (rule_code, feed, record_id) where closed;

-- What happened to a warning: raised, evidence added, level raised, status changed.
create table warning_events (
  id bigint generated always as identity primary key,
  warning_id bigint not null,
  kind text not null check (kind in ('raised', 'evidence', 'level', 'status')),
  from_value text,
  to_value text,
  count integer,
  run_id bigint,
  actor text,
  note text,
  at timestamptz not null default now()
);
create index warning_events_warning on warning_events (warning_id, id);

-- Yuan as figures show them: fen 2341050 → '23,410.50', 2000000 → '20,000'.
create function monitoring_yuan(fen numeric) returns text language sql immutable parallel safe as $$
  select case when fen % 100 = 0 then to_char(trunc(fen / 100), 'FM999,999,999,999,990')
              else to_char(fen / 100, 'FM999,999,999,999,990.00') end
$$;

-- The birth date inside an 18-character ID number (feeds only store verified numbers).
create function monitoring_id_birth(id_number text) returns date language sql immutable parallel safe as $$
  select to_date(substr(id_number, 7, 8), 'YYYYMMDD')
$$;

-- Whole years of age on a day.
create function monitoring_age(birth date, on_day date) returns integer language sql immutable parallel safe as $$
  select (extract(year from age(on_day, birth)))::integer
$$;

-- 'YYYY-MM' → months since year 0, so consecutive months differ by one.
create function monitoring_month_index(period text) returns integer language sql immutable parallel safe as $$
  select substr(period, 1, 4)::integer * 12 + substr(period, 6, 2)::integer - 1
$$;
