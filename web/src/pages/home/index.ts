import { HomeOutlined } from '@ant-design/icons';
import type { PageEntry } from '../../app/page-entry';

export const homePages: PageEntry[] = [
  { path: '', load: () => import('./HomePage'), menu: { label: 'menu.home', icon: HomeOutlined, order: 0 } },
];
