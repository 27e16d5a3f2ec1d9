-- openVerificationTasks() runs after every import and API push and on every queue listing. Indexing every
-- warning still waiting to be verified made each run scan them all (hundreds of thousands at province
-- scale, a second each, so pushes queued behind it). A warning without its task is still 'new' (opening the
-- task moves it to 'dispatched'), so only 'new' warnings are indexed and looked at.
drop index warnings_awaiting_task;
create index warnings_awaiting_task on warnings (id) where status = 'new';
