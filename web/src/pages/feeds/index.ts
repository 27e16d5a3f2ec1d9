// The feeds' pages, under the menu group 数据接入: the published contract, uploading a file, the import
// history, and the data quality per feed.
import { BarChartOutlined, CloudUploadOutlined, DatabaseOutlined, HistoryOutlined, ProfileOutlined } from '@ant-design/icons';
import type { MenuGroup, PageEntry } from '../../app/page-entry';

const group: MenuGroup = { key: 'feeds', label: 'menu.feedsGroup', icon: DatabaseOutlined };

export const feedPages: PageEntry[] = [
  {
    path: 'feeds/catalogue',
    permission: 'feeds.read',
    load: () => import('./FeedCataloguePage'),
    menu: { label: 'menu.feedCatalogue', icon: ProfileOutlined, order: 200, group },
  },
  {
    path: 'feeds/import',
    permission: 'feeds.import',
    load: () => import('./FeedImportPage'),
    menu: { label: 'menu.feedImport', icon: CloudUploadOutlined, order: 210, group },
  },
  {
    path: 'feeds/imports',
    permission: 'feeds.read',
    load: () => import('./ImportHistoryPage'),
    menu: { label: 'menu.feedImports', icon: HistoryOutlined, order: 220, group },
  },
  {
    path: 'feeds/quality',
    permission: 'feeds.read',
    load: () => import('./DataQualityPage'),
    menu: { label: 'menu.feedQuality', icon: BarChartOutlined, order: 230, group },
  },
];
