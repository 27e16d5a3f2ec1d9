-- The household expense ledger (家庭刚性支出台账): every household's rigid expenditure (self-paid medical
-- costs, tuition) and income over a window of months as of a date, as RIGID_OVER_INCOME computes them. A
-- city's or the province's preview of that rule counts from it in a fraction of a second instead of summing
-- 12 M settlements and joining 3 M people (src/monitoring/expense-ledger.ts, docs/rules.md).
--
-- A build records, for each feed the figures read, the highest record id it saw: records above it arrived
-- later, and their households are computed again at the moment of the preview. Changes the records do not
-- show are logged in expense_ledger_changes by triggers: a person joins, leaves or changes household, or
-- a warning of the rule is closed (its evidence then no longer counts). Only the latest build is kept.
create table expense_ledger_builds (
  id bigint generated always as identity primary key,
  as_of date not null,
  window_months integer not null,
  income_insurance_types text[] not null,
  -- {"feed code": highest record id seen}, and the last change logged before the build.
  feed_watermarks jsonb not null,
  changes_watermark bigint not null,
  households integer,
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  duration_ms integer
);

create table expense_ledger (
  build_id bigint not null,
  household_id bigint not null,
  medical bigint not null,
  tuition bigint not null,
  income numeric not null,
  primary key (build_id, household_id)
);

create table expense_ledger_changes (
  id bigint generated always as identity primary key,
  household_id bigint not null,
  reason text not null check (reason in ('members', 'evidence_closed')),
  changed_at timestamptz not null default now()
);

-- Statement-level, so that a bulk load of the registry pays once, not per row; and nothing is logged
-- while there is no ledger (a fresh database, a demo being loaded).
create function expense_ledger_log_members() returns trigger language plpgsql as $$
begin
  if not exists (select 1 from expense_ledger_builds) then return null; end if;
  if tg_op = 'INSERT' then
    insert into expense_ledger_changes (household_id, reason)
    select distinct n.household_id, 'members' from new_rows n where n.household_id is not null;
  elsif tg_op = 'DELETE' then
    insert into expense_ledger_changes (household_id, reason)
    select distinct o.household_id, 'members' from old_rows o where o.household_id is not null;
  else
    insert into expense_ledger_changes (household_id, reason)
    select distinct x.household_id, 'members' from (
      select o.id, o.household_id from old_rows o
      union all
      select n.id, n.household_id from new_rows n
    ) x
    where x.household_id is not null
      -- Only people whose household or ID number changed (a new phone number changes nothing here).
      and not exists (
        select 1 from old_rows o join new_rows n on n.id = o.id
        where o.id = x.id and n.household_id is not distinct from o.household_id and n.id_number = o.id_number);
  end if;
  return null;
end $$;

create trigger persons_ledger_insert after insert on persons
  referencing new table as new_rows for each statement execute function expense_ledger_log_members();
create trigger persons_ledger_update after update on persons
  referencing old table as old_rows new table as new_rows for each statement execute function expense_ledger_log_members();
create trigger persons_ledger_delete after delete on persons
  referencing old table as old_rows for each statement execute function expense_ledger_log_members();

create function expense_ledger_log_closed_evidence() returns trigger language plpgsql as $$
begin
  if not exists (select 1 from expense_ledger_builds) then return null; end if;
  insert into expense_ledger_changes (household_id, reason)
  select distinct w.household_id, 'evidence_closed'
  from new_rows n join old_rows o on o.rule_code = n.rule_code and o.feed = n.feed and o.record_id = n.record_id
  join warnings w on w.id = n.warning_id
  where n.rule_code = 'RIGID_OVER_INCOME' and n.closed and not o.closed and w.household_id is not null;
  return null;
end $$;

create trigger warning_evidence_ledger_closed after update on warning_evidence
  referencing old table as old_rows new table as new_rows for each statement execute function expense_ledger_log_closed_evidence();
