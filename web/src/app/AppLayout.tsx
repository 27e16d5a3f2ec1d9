// The frame around every signed-in page: the menu (a side bar on desks and tablets, a drawer behind a
// hamburger button on phones), the account's name, role and region, the language and elderly-mode switches,
// and logout.
import { Suspense, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { App as AntApp, Avatar, Button, Drawer, Dropdown, Grid, Layout, Menu, Segmented, Space, Switch, Tag, Typography } from 'antd';
import { LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import type { Locale } from '../api/auth';
import { LANGUAGE_NAMES, LOCALES, useI18n } from '../i18n';
import { useMe, useSession } from './session';
import { activeMenuKey, groupKey, menuFor, menuTree, type MenuItem, type PageEntry } from './page-entry';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { Loading } from '../components/PageState';

export function AppLayout({ pages }: { pages: PageEntry[] }) {
  const me = useMe();
  const { t, pick } = useI18n();
  const screens = Grid.useBreakpoint();
  const wide = screens.lg !== false; // side bar from 992 px (tablets in landscape, desks)
  const [drawerOpen, setDrawerOpen] = useState(false);
  const location = useLocation();
  const selected = activeMenuKey(pages, location.pathname);
  const entry = (m: MenuItem) => ({ key: m.key, icon: <m.icon />, label: <Link to={m.path}>{t(m.label)}</Link> });
  const tree = menuTree(menuFor(pages, me.permissions));
  const items = tree.map((n) =>
    n.kind === 'item'
      ? entry(n.item)
      : { key: groupKey(n.group), icon: <n.group.icon />, label: t(n.group.label), children: n.items.map(entry) },
  );
  // Groups start open: a handful of entries each, and one click less for every page in them.
  const groupKeys = tree.flatMap((n) => (n.kind === 'group' ? [groupKey(n.group)] : []));
  const menu = (
    <Menu
      theme="dark"
      mode="inline"
      selectedKeys={selected ? [selected] : []}
      defaultOpenKeys={groupKeys}
      items={items}
      onClick={() => setDrawerOpen(false)}
      aria-label={t('layout.menu')}
    />
  );
  const roleLabel = pick(me.roleLabel.zh, me.roleLabel.en);

  return (
    <Layout className="sn-layout">
      {wide && (
        <Layout.Sider width={216} className="sn-sider">
          <Brand />
          {menu}
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header className="sn-header">
          {!wide && (
            <Button type="text" icon={<MenuOutlined />} aria-label={t('layout.openMenu')} onClick={() => setDrawerOpen(true)} className="sn-hamburger" />
          )}
          {!wide && <span className="sn-header-title">{t('app.name')}</span>}
          <div className="sn-header-spacer" />
          {screens.md !== false && <Preferences />}
          <AccountMenu compact={screens.xl === false} roleLabel={roleLabel} />
        </Layout.Header>
        <Layout.Content className="sn-content" data-testid="page-content">
          <ErrorBoundary resetKey={location.pathname}>
            <Suspense fallback={<Loading />}>
              <Outlet />
            </Suspense>
          </ErrorBoundary>
        </Layout.Content>
      </Layout>
      {!wide && (
        <Drawer
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          placement="left"
          size={288}
          title={t('app.name')}
          className="sn-drawer"
          styles={{ body: { padding: 0 } }}
        >
          <div className="sn-drawer-account">
            <Typography.Text strong>{me.displayName}</Typography.Text>
            <div>{roleLabel}</div>
            <Typography.Text type="secondary">{me.regionName}</Typography.Text>
          </div>
          {menu}
          {screens.md === false && (
            <div className="sn-drawer-prefs">
              <Preferences vertical />
            </div>
          )}
        </Drawer>
      )}
    </Layout>
  );
}

function Brand() {
  const { t } = useI18n();
  return (
    <Link to="/" className="sn-brand">
      <span className="sn-brand-mark" aria-hidden>
        ✓
      </span>
      <span className="sn-brand-text">
        <span className="sn-brand-name">{t('app.name')}</span>
        <span className="sn-brand-sub">{t('app.subtitle')}</span>
      </span>
    </Link>
  );
}

/** The language and elderly-mode switches; both are saved to the account. */
export function Preferences({ vertical = false }: { vertical?: boolean }) {
  const session = useSession();
  const { t, errorText } = useI18n();
  const { message } = AntApp.useApp();
  const [saving, setSaving] = useState(false);
  const save = async (patch: { locale?: Locale; elderlyMode?: boolean }) => {
    setSaving(true);
    try {
      await session.setPreferences(patch);
    } catch (e) {
      message.error(`${t('prefs.saveFailed')}${errorText(e)}`);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Space orientation={vertical ? 'vertical' : 'horizontal'} size={vertical ? 12 : 16} className="sn-prefs">
      <label className="sn-switch-label">
        <Switch
          checked={session.elderlyMode}
          loading={saving}
          onChange={(checked) => save({ elderlyMode: checked })}
          aria-label={t('prefs.elderlyMode')}
          data-testid="elderly-switch"
        />
        <span>{t('prefs.elderlyMode')}</span>
      </label>
      <Segmented<Locale>
        size={vertical ? 'middle' : 'small'}
        value={session.locale}
        options={LOCALES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }))}
        onChange={(locale) => save({ locale })}
        aria-label={t('prefs.language')}
      />
    </Space>
  );
}

function AccountMenu({ compact, roleLabel }: { compact: boolean; roleLabel: string }) {
  const me = useMe();
  const session = useSession();
  const navigate = useNavigate();
  const { t } = useI18n();
  const logout = async () => {
    await session.logout().catch(() => undefined);
    navigate('/login', { replace: true });
  };
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'who', disabled: true, label: <AccountCard roleLabel={roleLabel} /> },
          { type: 'divider' },
          { key: 'logout', icon: <LogoutOutlined />, label: t('action.logout'), onClick: logout },
        ],
      }}
    >
      <Button type="text" className="sn-account" aria-label={t('layout.account')} data-testid="account-button">
        <Avatar size="small" icon={<UserOutlined />} className="sn-avatar" />
        {!compact && (
          <span className="sn-account-text">
            <span className="sn-account-name">{me.displayName}</span>
            <Tag className="sn-account-role">{roleLabel}</Tag>
            <span className="sn-account-region">{me.regionName}</span>
          </span>
        )}
        {compact && <span className="sn-account-name sn-hide-phone">{me.displayName}</span>}
      </Button>
    </Dropdown>
  );
}

function AccountCard({ roleLabel }: { roleLabel: string }) {
  const me = useMe();
  const { t } = useI18n();
  return (
    <div className="sn-account-card">
      <div className="sn-account-card-name">{me.displayName}</div>
      <div>{t('layout.roleLine', { value: roleLabel })}</div>
      <div>{t('layout.regionLine', { value: me.regionName })}</div>
      <div>{t('layout.usernameLine', { value: me.username })}</div>
    </div>
  );
}
