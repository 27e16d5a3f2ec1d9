-- Casework: the working-day calendar an administrator extends, time limits as versioned data, tasks and
-- home visits, one-form applications split into items, decisions, referrals, attachments, and the public
-- status page's throttle. See docs/casework.md.
--
-- Conventions: every row that holds personal data carries the region codes of its household (village,
-- township, county, city) so that householdScopeCondition() filters it with one indexed equality, exactly
-- like households. Rows that two people may change at once carry `version` (optimistic concurrency).
-- Dates where the time of day means nothing are `date`; money is bigint fen.

-- The calendar -------------------------------------------------------------------------------------------

-- A province administrator's entries: a new year from the State Council notice, a local day off, a correction.
create table calendar_overrides (
  date date primary key,
  kind text not null check (kind in ('holiday', 'workday')),
  name text not null check (char_length(name) between 1 and 50),
  updated_by bigint references users (id),
  updated_at timestamptz not null default now()
);

-- Years entered in full: only these become known (a single early override does not make a year known).
create table calendar_override_years (
  year integer primary key check (year between 2000 and 2200),
  notice text not null default '',
  declared_by bigint references users (id),
  declared_at timestamptz not null default now()
);

-- Materialised from the one WorkCalendar (official data + the overrides above) so that SQL can compute due
-- dates set-based. Rebuilt on start and after every override change; never edited by hand. working_seq
-- counts working days from the first row up to and including the day, so the n-th working day after d is
-- the working day whose working_seq is working_seq(d) + n.
create table calendar_days (
  date date primary key,
  is_working_day boolean not null,
  working_seq integer not null
);
create index calendar_days_working_seq on calendar_days (working_seq) where is_working_day;

-- The due day of a time limit starting on start_on (the start day is not counted), or null when the
-- calendar does not reach that far (a year nobody has entered yet).
create function casework_due_date(start_on date, amount integer, unit text) returns date
language sql stable as $$
  select case
    when start_on is null or amount is null then null
    when unit = 'calendarDays' then start_on + amount
    when amount = 0 then start_on
    else (select d.date from calendar_days d
          where d.is_working_day
            and d.working_seq = (select s.working_seq from calendar_days s where s.date = start_on) + amount)
  end
$$;

-- Time limits per task kind, versioned by the first start date they apply to (src/casework/domain/deadlines.ts).
create table deadline_parameters (
  id bigint generated always as identity primary key,
  kind text not null,
  amount integer not null check (amount between 0 and 400),
  unit text not null check (unit in ('workingDays', 'calendarDays')),
  effective_from date not null,
  source text not null check (char_length(source) between 1 and 300),
  created_by bigint references users (id),
  created_at timestamptz not null default now(),
  unique (kind, effective_from)
);

-- The version in force for a kind on a day.
create function casework_deadline_parameter(task_kind text, on_date date) returns deadline_parameters
language sql stable as $$
  select p.* from deadline_parameters p
  where p.kind = task_kind and p.effective_from <= on_date
  order by p.effective_from desc limit 1
$$;

-- Applications (一件事一次办) ---------------------------------------------------------------------------------

create table applications (
  id bigint generated always as identity primary key,
  -- What the applicant is told and types on the public status page; random, not a sequence.
  number text not null unique,
  -- A retried submission with the same client id gets the first answer.
  client_id uuid unique,
  status text not null check (status in ('draft', 'submitted')),
  origin text not null check (origin in ('counter', 'visit')),
  household_id bigint references households (id),
  applicant_person_id bigint references persons (id),
  applicant_name text not null,
  village_code text not null,
  township_code text not null,
  county_code text not null,
  city_code text not null,
  -- The form as submitted (ID numbers in full: the record of what was applied for); answers mask them.
  form jsonb not null,
  received_on date,
  visit_id bigint,
  created_by bigint not null references users (id),
  created_at timestamptz not null default now(),
  submitted_by bigint references users (id),
  submitted_at timestamptz,
  version integer not null default 1
);
create index applications_household on applications (household_id);
create index applications_township on applications (township_code);
create index applications_county on applications (county_code);
create index applications_city on applications (city_code);
create index applications_village on applications (village_code);

-- Members named on the form, matched to the registry where the person is known. The public status page and
-- the one-person file find applications through the ID number.
create table application_members (
  application_id bigint not null references applications (id) on delete cascade,
  id_number text not null,
  name text not null,
  relation text,
  person_id bigint references persons (id),
  primary key (application_id, id_number)
);
create index application_members_id_number on application_members (id_number);
create index application_members_person on application_members (person_id);

-- One programme requested (救助事项), in the queue of the body that must act on it now (queue_department:
-- the reviewers first, then the deciding department).
create table application_items (
  id bigint generated always as identity primary key,
  item_key text not null,
  application_id bigint not null references applications (id),
  kind text not null,
  department text not null,
  reviewers text[] not null default '{}',
  queue_department text not null,
  member_id_number text,
  member_person_id bigint references persons (id),
  temporary_assistance_type text check (temporary_assistance_type in ('emergency', 'expenditure')),
  status text not null check (status in ('submitted', 'accepted', 'in_review', 'approved', 'refused', 'withdrawn')),
  -- The 低保 procedure (DibaoCase of dibao-procedure.ts) and its current step; null for other kinds.
  step text,
  procedure jsonb,
  received_on date not null,
  deadline_kind text not null,
  due_on date,
  deadline_amount integer,
  deadline_unit text,
  deadline_effective_from date,
  deadline_source text,
  follow_on boolean not null default false,
  source_item_id bigint references application_items (id),
  refusal_reason text,
  household_id bigint references households (id),
  village_code text not null,
  township_code text not null,
  county_code text not null,
  city_code text not null,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index application_items_application on application_items (application_id);
create index application_items_queue on application_items (queue_department, status);
create index application_items_township on application_items (township_code, status);
create index application_items_county on application_items (county_code, status);
create index application_items_city on application_items (city_code);
create index application_items_village on application_items (village_code);
create index application_items_member on application_items (member_id_number);

-- Every move of an item: who, when, from what to what (the item's history in the one-person file).
create table item_events (
  id bigint generated always as identity primary key,
  item_id bigint not null references application_items (id),
  action text not null,
  from_status text,
  to_status text,
  from_step text,
  to_step text,
  on_date date not null,
  note text,
  actor_user_id bigint references users (id),
  actor_name text not null,
  at timestamptz not null default now()
);
create index item_events_item on item_events (item_id, id);

-- Tasks and visits -------------------------------------------------------------------------------------------

-- Work someone must do by a deadline: verify a warning (township), re-check a household (township), decide a
-- complex case (county, 一事一议).
create table tasks (
  id bigint generated always as identity primary key,
  kind text not null check (kind in ('warningVerification', 'recheck', 'countyCoordination')),
  queue_level text not null default 'township' check (queue_level in ('township', 'county')),
  warning_id bigint,
  origin_visit_id bigint,
  household_id bigint references households (id),
  person_id bigint references persons (id),
  level text check (level in ('red', 'yellow', 'blue')),
  title text not null,
  detail text,
  village_code text,
  township_code text not null,
  county_code text not null,
  city_code text not null,
  deadline_kind text not null,
  start_on date not null,
  -- Null while the calendar does not yet reach the due day (filled in when the year is entered).
  due_on date,
  deadline_amount integer,
  deadline_unit text,
  deadline_effective_from date,
  deadline_source text,
  status text not null default 'open' check (status in ('open', 'assigned', 'done', 'cancelled')),
  assignee_user_id bigint references users (id),
  assigned_by bigint references users (id),
  assigned_at timestamptz,
  -- The first day the task was found overdue and put before the county.
  escalated_on date,
  done_on date,
  done_by bigint references users (id),
  done_visit_id bigint,
  outcome text,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
-- One verification task per warning, whoever creates it and however often (idempotent set-based creation).
create unique index tasks_one_per_warning on tasks (warning_id) where kind = 'warningVerification';
create index tasks_township_status on tasks (township_code, status);
create index tasks_county_status on tasks (county_code, status);
create index tasks_city on tasks (city_code);
create index tasks_village on tasks (village_code);
create index tasks_household on tasks (household_id);
create index tasks_person on tasks (person_id);
create index tasks_assignee on tasks (assignee_user_id) where status in ('open', 'assigned');
create index tasks_due_open on tasks (due_on) where status in ('open', 'assigned');
-- openVerificationTasks() looks for warnings without a task on every import and queue listing: only the
-- warnings still waiting to be verified are indexed, so the look-up stays small as closed warnings pile up.
create index warnings_awaiting_task on warnings (id) where status in ('new', 'dispatched', 'escalated');

-- A home visit (入户核实 / 入户调查), one self-contained submission identified by the tablet's UUID.
create table visits (
  id bigint generated always as identity primary key,
  client_id uuid not null unique,
  purpose text not null check (purpose in ('warningVerification', 'householdSurvey', 'recheck', 'followUp')),
  task_id bigint references tasks (id),
  warning_id bigint,
  application_id bigint references applications (id),
  household_id bigint references households (id),
  person_id bigint references persons (id),
  village_code text,
  township_code text not null,
  county_code text not null,
  city_code text not null,
  visited_on date not null,
  visitors jsonb not null,
  present jsonb not null,
  findings jsonb not null,
  survey_form_signed boolean,
  disposition_kind text,
  disposition jsonb,
  recorded_by bigint not null references users (id),
  recorded_at timestamptz not null default now(),
  -- The answer given to the first submission; a retry with the same client id gets it again.
  response jsonb
);
create index visits_task on visits (task_id);
create index visits_household on visits (household_id);
create index visits_person on visits (person_id);
create index visits_application on visits (application_id);
create index visits_township on visits (township_code);
create index visits_county on visits (county_code);
create index visits_city on visits (city_code);
create index visits_village on visits (village_code);

alter table tasks add constraint tasks_origin_visit_fk foreign key (origin_visit_id) references visits (id);
alter table tasks add constraint tasks_done_visit_fk foreign key (done_visit_id) references visits (id);
alter table applications add constraint applications_visit_fk foreign key (visit_id) references visits (id);

-- Photos, scans and voice notes of a visit or an application; the bytes live in the content-addressed file
-- store (ctx.config.fileStoreDir/casework/<sha256>), named here.
create table casework_files (
  id bigint generated always as identity primary key,
  visit_id bigint references visits (id),
  application_id bigint references applications (id),
  client_id uuid,
  file_name text not null,
  mime_type text not null,
  size_bytes bigint not null check (size_bytes > 0),
  sha256 text not null,
  uploaded_by bigint references users (id),
  uploaded_at timestamptz not null default now(),
  check (num_nonnulls(visit_id, application_id) = 1)
);
create index casework_files_visit on casework_files (visit_id);
create index casework_files_application on casework_files (application_id);

-- Decisions and referrals ------------------------------------------------------------------------------------

-- Who decided what, for how much, from when: approvals and refusals of items, and emergency payments decided
-- on a visit (急难型临时救助, paid first).
create table decisions (
  id bigint generated always as identity primary key,
  kind text not null check (kind in ('approval', 'refusal', 'emergencyPayment')),
  programme text not null,
  item_id bigint references application_items (id),
  visit_id bigint references visits (id),
  household_id bigint references households (id),
  person_id bigint references persons (id),
  village_code text,
  township_code text not null,
  county_code text not null,
  city_code text not null,
  amount_fen_per_month bigint check (amount_fen_per_month > 0),
  amount_fen bigint check (amount_fen > 0),
  start_month text check (start_month ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  decided_on date not null,
  decided_by_user_id bigint references users (id),
  decided_by_name text not null,
  policy_version text,
  reason text,
  -- An emergency payment must reach the family by this day (emergencyAssistancePayment).
  pay_by date,
  created_at timestamptz not null default now()
);
create index decisions_item on decisions (item_id);
create index decisions_household on decisions (household_id);
create index decisions_township on decisions (township_code);
create index decisions_county on decisions (county_code);

-- A family pushed to another department's queue by a visit (possibly eligible elsewhere).
create table referrals (
  id bigint generated always as identity primary key,
  department text not null,
  why text not null,
  visit_id bigint references visits (id),
  task_id bigint references tasks (id),
  household_id bigint references households (id),
  person_id bigint references persons (id),
  village_code text,
  township_code text not null,
  county_code text not null,
  city_code text not null,
  status text not null default 'open' check (status in ('open', 'accepted', 'closed')),
  result text,
  received_on date not null,
  deadline_kind text not null,
  due_on date,
  deadline_effective_from date,
  deadline_source text,
  closed_on date,
  closed_by bigint references users (id),
  created_by bigint references users (id),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index referrals_queue on referrals (department, status);
create index referrals_household on referrals (household_id);
create index referrals_township on referrals (township_code);
create index referrals_county on referrals (county_code);
create index referrals_city on referrals (city_code);

-- The public status page ------------------------------------------------------------------------------------

-- Every look-up, kept for the throttle (per address and per application number) against guessing.
create table public_status_attempts (
  id bigint generated always as identity primary key,
  ip text not null,
  application_number text not null,
  succeeded boolean not null,
  at timestamptz not null default now()
);
create index public_status_attempts_ip on public_status_attempts (ip, at);
create index public_status_attempts_number on public_status_attempts (application_number, at);
