// Every page of the workbench. A capability adds its pages (and so its menu entries) by adding its list here.
import type { PageEntry } from './page-entry';
import { homePages } from '../pages/home';
import { registryPages } from '../pages/registry';
import { feedPages } from '../pages/feeds';
import { monitoringPages } from '../pages/monitoring';
import { caseworkPages } from '../pages/casework';
import { benefitsPages } from '../pages/benefits';

export const PAGES: PageEntry[] = [...homePages, ...registryPages, ...feedPages, ...monitoringPages, ...caseworkPages, ...benefitsPages];
