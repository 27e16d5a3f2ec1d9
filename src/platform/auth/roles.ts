// Staff roles, the region level each one works at, and what each may do. Permissions are checked in the
// services (not only the UI); region scope is applied in the data layer (see scope.ts).

export const ROLES = ['village', 'township', 'county', 'city', 'province', 'department', 'provider', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  village: { zh: '村(社区)协理员', en: 'Village worker' },
  township: { zh: '乡镇(街道)民政助理员', en: 'Township caseworker' },
  county: { zh: '县级审核人员', en: 'County reviewer' },
  city: { zh: '市级分析人员', en: 'City analyst' },
  province: { zh: '省级管理人员', en: 'Province analyst' },
  department: { zh: '部门经办人员', en: 'Department officer' },
  provider: { zh: '社会组织', en: 'Service provider' },
  auditor: { zh: '审计人员', en: 'Auditor' },
  admin: { zh: '系统管理员', en: 'Administrator' },
};

/** Region level a role's scope must have (1 province … 5 village); null = any level. */
export const ROLE_REGION_LEVEL: Record<Role, number | null> = {
  village: 5, township: 4, county: 3, city: 2, province: 1,
  department: null, provider: null, auditor: null, admin: null,
};

export const PERMISSIONS = [
  'registry.read', 'registry.write', 'person.reveal', 'audit.read', 'users.manage',
  'feeds.read', 'feeds.import', 'feeds.tokens',
  'warnings.read', 'warnings.handle', 'rules.edit', 'compare.run',
  // casework (docs/casework.md)
  'tasks.read', 'tasks.work', 'tasks.assign', 'applications.read', 'applications.submit',
  'items.read', 'items.work', 'items.decide', 'referrals.work', 'calendar.admin', 'deadlines.admin',
  // benefits (docs/benefits.md)
  'policy.edit', 'benefits.read', 'benefits.assess', 'benefits.decide', 'payments.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Role, readonly Permission[]> = {
  village: ['registry.read', 'registry.write', 'warnings.read', 'tasks.read', 'tasks.work', 'applications.read', 'applications.submit'],
  township: ['registry.read', 'registry.write', 'person.reveal', 'warnings.read', 'warnings.handle', 'tasks.read', 'tasks.work', 'tasks.assign', 'applications.read', 'applications.submit', 'items.read', 'items.work', 'benefits.read', 'benefits.assess'],
  county: ['registry.read', 'registry.write', 'person.reveal', 'feeds.read', 'feeds.import', 'warnings.read', 'warnings.handle', 'rules.edit', 'compare.run', 'tasks.read', 'tasks.work', 'tasks.assign', 'applications.read', 'applications.submit', 'items.read', 'items.work', 'items.decide', 'referrals.work', 'policy.edit', 'benefits.read', 'benefits.assess', 'benefits.decide', 'payments.manage'],
  city: ['registry.read', 'person.reveal', 'feeds.read', 'feeds.import', 'warnings.read', 'warnings.handle', 'rules.edit', 'compare.run', 'tasks.read', 'applications.read', 'items.read', 'policy.edit', 'benefits.read'],
  province: ['registry.read', 'person.reveal', 'audit.read', 'feeds.read', 'feeds.import', 'feeds.tokens', 'warnings.read', 'warnings.handle', 'rules.edit', 'compare.run', 'tasks.read', 'applications.read', 'items.read', 'calendar.admin', 'deadlines.admin', 'policy.edit', 'benefits.read'],
  department: ['feeds.read', 'feeds.import', 'applications.read', 'items.read', 'items.work', 'items.decide', 'referrals.work'],
  provider: [],
  auditor: ['audit.read', 'feeds.read', 'benefits.read'],
  admin: ['users.manage', 'audit.read', 'feeds.read', 'feeds.tokens', 'calendar.admin', 'deadlines.admin'],
};

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

export function permissionsOf(role: Role): Permission[] {
  return [...GRANTS[role]];
}
