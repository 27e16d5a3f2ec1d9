// The typed picture of the tables for Kysely. Each capability declares its own tables beside its code;
// this file only puts them together. Keep it in step with migrations/.
import type { PlatformTables } from '../tables';
import type { RegistryTables } from '../../registry/tables';
import type { MonitoringTables } from '../../monitoring/tables';
import type { BenefitsTables } from '../../benefits/store/tables';
import type { CaseworkTables } from '../../casework/tables';

export interface Schema extends PlatformTables, RegistryTables, MonitoringTables, BenefitsTables, CaseworkTables {}
