-- Feed rows carry person_id, the registry person matching found. A b-tree on every row's person_id cost
-- each bulk import one random index insertion per row — with the (id_number, time) index, the largest
-- share of an import's time at province scale — and served only one kind of look-up: records nobody in
-- the registry matches (discovery). Those alone are indexed now, by ID number; look-ups of a person's
-- records go by ID number (the (id_number, time) or natural-key index).
drop index feed_medical_settlement_person;
create index feed_medical_settlement_unmatched on feed_medical_settlement (id_number) where person_id is null;
drop index feed_disability_certificate_person;
create index feed_disability_certificate_unmatched on feed_disability_certificate (id_number) where person_id is null;
drop index feed_death_registration_person;
create index feed_death_registration_unmatched on feed_death_registration (id_number) where person_id is null;
drop index feed_unemployment_registration_person;
create index feed_unemployment_registration_unmatched on feed_unemployment_registration (id_number) where person_id is null;
drop index feed_social_insurance_contribution_person;
create index feed_social_insurance_contribution_unmatched on feed_social_insurance_contribution (id_number) where person_id is null;
drop index feed_tax_income_person;
create index feed_tax_income_unmatched on feed_tax_income (id_number) where person_id is null;
drop index feed_student_enrollment_person;
create index feed_student_enrollment_unmatched on feed_student_enrollment (id_number) where person_id is null;
drop index feed_vehicle_registration_person;
create index feed_vehicle_registration_unmatched on feed_vehicle_registration (id_number) where person_id is null;
drop index feed_property_registration_person;
create index feed_property_registration_unmatched on feed_property_registration (id_number) where person_id is null;
drop index feed_business_registration_person;
create index feed_business_registration_unmatched on feed_business_registration (id_number) where person_id is null;
drop index feed_disaster_victim_person;
create index feed_disaster_victim_unmatched on feed_disaster_victim (id_number) where person_id is null;
drop index feed_rural_monitoring_object_person;
create index feed_rural_monitoring_object_unmatched on feed_rural_monitoring_object (id_number) where person_id is null;
drop index feed_hospitalization_person;
create index feed_hospitalization_unmatched on feed_hospitalization (id_number) where person_id is null;
