// Which feeds a department account may upload: each department sends its own data. (Civil-affairs staff
// with feeds.import may upload any feed on a department's behalf.)
export const FEEDS_BY_DEPARTMENT: Record<string, readonly string[]> = {
  medicalSecurity: ['medical_settlement'],
  disabledPersonsFederation: ['disability_certificate'],
  humanResources: ['unemployment_registration', 'social_insurance_contribution'],
  education: ['student_enrollment'],
  publicSecurity: ['death_registration', 'vehicle_registration'],
  health: ['hospitalization', 'death_registration'],
  tax: ['tax_income'],
  naturalResources: ['property_registration'],
  marketRegulation: ['business_registration'],
  emergencyManagement: ['disaster_victim'],
  agriculture: ['rural_monitoring_object'],
  civilAffairs: ['death_registration'],
};

export function departmentMayImport(department: string | null, feed: string): boolean {
  return !!department && (FEEDS_BY_DEPARTMENT[department] ?? []).includes(feed);
}
