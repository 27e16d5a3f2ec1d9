-- Three ledgers of people (the household expense ledger of 0010 keeps households).
--
-- The personal medical ledger (个人医疗自付台账): every person's self-paid medical costs over a window of
-- months as of a date, as MEDICAL_SELF_PAID_12M sums them (settlements that are not evidence of a closed
-- warning of the rule). A city's or the province's preview of that rule counts from it instead of summing
-- 12 M settlements (src/monitoring/medical-ledger.ts, docs/rules.md). Built and kept as the household
-- expense ledger is (0010): records above a build's watermark are computed again at the moment of the
-- preview, and closed warnings are logged by a trigger (below).
create table medical_ledger_builds (
  id bigint generated always as identity primary key,
  as_of date not null,
  window_months integer not null,
  feed_watermarks jsonb not null,
  changes_watermark bigint not null,
  row_count integer,
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  duration_ms integer
);

create table medical_ledger (
  build_id bigint not null,
  id_number text not null,
  self_paid bigint not null,
  primary key (build_id, id_number)
);
-- A preview reads the people at or above its threshold: a few per cent of the rows.
create index medical_ledger_self_paid on medical_ledger (build_id, self_paid) include (id_number);

create table medical_ledger_changes (
  id bigint generated always as identity primary key,
  id_number text not null,
  reason text not null check (reason in ('evidence_closed')),
  changed_at timestamptz not null default now()
);

-- The personal contribution ledger (个人社保缴费台账): for every person and insurance type, the months of the
-- last 59 in which a contribution was paid (bit i: i months before the build's month), as RECOVERY_EMPLOYMENT
-- reads them (contributions that are not evidence of a closed warning of the rule). 59 months hold the
-- longest window the rule's parameters allow (24 months' look-back, runs of 36). A preview finds runs of
-- months from these bits instead of ranking 4 M contributions (src/monitoring/contribution-ledger.ts).
create table contribution_ledger_builds (
  id bigint generated always as identity primary key,
  as_of date not null,
  feed_watermarks jsonb not null,
  changes_watermark bigint not null,
  row_count integer,
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  duration_ms integer
);

create table contribution_ledger (
  build_id bigint not null,
  insurance_type text not null,
  id_number text not null,
  months bigint not null,
  primary key (build_id, insurance_type, id_number) include (months)
);

create table contribution_ledger_changes (
  id bigint generated always as identity primary key,
  id_number text not null,
  reason text not null check (reason in ('evidence_closed')),
  changed_at timestamptz not null default now()
);

-- The monthly medical ledger (个人月度医疗自付台账): every person's self-paid medical costs per calendar month
-- over the last 24 (this month up to the build's day), as MEDICAL_SPIKE sums them (settlements that are not
-- evidence of a closed warning of that rule), the months of 1,000 yuan or more: the months a preview's
-- minimum can keep (a lower minimum is counted live). Baselines are still read off the settlements.
create table medical_month_ledger_builds (
  id bigint generated always as identity primary key,
  as_of date not null,
  feed_watermarks jsonb not null,
  changes_watermark bigint not null,
  row_count integer,
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  duration_ms integer
);

create table medical_month_ledger (
  build_id bigint not null,
  id_number text not null,
  mon date not null,
  amount bigint not null,
  primary key (build_id, id_number, mon)
);
create index medical_month_ledger_amount on medical_month_ledger (build_id, amount) include (id_number, mon);

create table medical_month_ledger_changes (
  id bigint generated always as identity primary key,
  id_number text not null,
  reason text not null check (reason in ('evidence_closed')),
  changed_at timestamptz not null default now()
);

-- Evidence of a closed warning no longer counts: the people whose records they were are computed live.
-- Statement-level, and nothing is logged for a ledger never built.
create function person_ledgers_log_closed_evidence() returns trigger language plpgsql as $$
begin
  if exists (select 1 from medical_ledger_builds) then
    insert into medical_ledger_changes (id_number, reason)
    select distinct m.id_number, 'evidence_closed'
    from new_rows n join old_rows o on o.rule_code = n.rule_code and o.feed = n.feed and o.record_id = n.record_id
    join feed_medical_settlement m on m.id = n.record_id
    where n.rule_code = 'MEDICAL_SELF_PAID_12M' and n.feed = 'medical_settlement' and n.closed is distinct from o.closed;
  end if;
  if exists (select 1 from medical_month_ledger_builds) then
    insert into medical_month_ledger_changes (id_number, reason)
    select distinct m.id_number, 'evidence_closed'
    from new_rows n join old_rows o on o.rule_code = n.rule_code and o.feed = n.feed and o.record_id = n.record_id
    join feed_medical_settlement m on m.id = n.record_id
    where n.rule_code = 'MEDICAL_SPIKE' and n.feed = 'medical_settlement' and n.closed is distinct from o.closed;
  end if;
  if exists (select 1 from contribution_ledger_builds) then
    insert into contribution_ledger_changes (id_number, reason)
    select distinct s.id_number, 'evidence_closed'
    from new_rows n join old_rows o on o.rule_code = n.rule_code and o.feed = n.feed and o.record_id = n.record_id
    join feed_social_insurance_contribution s on s.id = n.record_id
    where n.rule_code = 'RECOVERY_EMPLOYMENT' and n.feed = 'social_insurance_contribution' and n.closed is distinct from o.closed;
  end if;
  return null;
end $$;

create trigger warning_evidence_person_ledgers_closed after update on warning_evidence
  referencing old table as old_rows new table as new_rows for each statement execute function person_ledgers_log_closed_evidence();

-- Every ledger's builds name their row count alike (src/monitoring/ledger-builds.ts).
alter table expense_ledger_builds rename column households to row_count;
