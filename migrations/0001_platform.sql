-- Platform kernel: staff accounts, sessions, login throttling, the hash-chained audit trail.

create table users (
  id bigint generated always as identity primary key,
  username text not null unique,
  display_name text not null,
  password_hash text not null,
  role text not null check (role in ('village', 'township', 'county', 'city', 'province', 'department', 'provider', 'auditor', 'admin')),
  region_code text not null,
  department text,
  preferences jsonb not null default '{}',
  disabled_at timestamptz,
  created_at timestamptz not null default now()
);

create table sessions (
  token_hash text primary key,
  user_id bigint not null references users (id),
  csrf_token text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index sessions_user on sessions (user_id);

create table login_attempts (
  id bigint generated always as identity primary key,
  username text not null,
  ip text not null,
  succeeded boolean not null,
  at timestamptz not null default now()
);
create index login_attempts_username_at on login_attempts (username, at);
create index login_attempts_ip_at on login_attempts (ip, at);

-- Append-only: every write and every reveal. Each row's hash covers its content and the previous hash,
-- so an edited or deleted row breaks the chain (`safetynet audit verify`).
create table audit_log (
  seq bigint primary key,
  at timestamptz not null,
  actor_user_id bigint,
  actor text not null,
  action text not null,
  entity text not null,
  entity_id text,
  region_code text,
  before jsonb,
  after jsonb,
  prev_hash text not null,
  hash text not null
);
create index audit_log_entity on audit_log (entity, entity_id);
create index audit_log_actor on audit_log (actor_user_id, at);

create function audit_log_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only';
end;
$$;
create trigger audit_log_no_update before update or delete on audit_log
  for each row execute function audit_log_append_only();
