-- Rules sum self-paid medical costs per person over whole windows (MEDICAL_SELF_PAID_12M over 12 months,
-- MEDICAL_SPIKE per month, RIGID_OVER_INCOME per household). With the amount and the row id (which
-- evidence names) in the leaves of the (id_number, settled_on) index, a city's or the province's preview
-- reads the index alone, in ID order, instead of every settlement row (figures in docs/rules.md). The
-- catalogue says so (timeIndexIncludes); feed-tables.int.test.ts checks that the two agree.
drop index feed_medical_settlement_id_number_settled_on;
create index feed_medical_settlement_id_number_settled_on on feed_medical_settlement (id_number, settled_on) include (self_paid, id);
