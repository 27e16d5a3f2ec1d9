// The first page after login: who you are, where you work, and the doors your role opens.
import { Card, Col, Row, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useMe } from '../../app/session';
import { menuFor } from '../../app/page-entry';
import { PAGES } from '../../app/pages';
import { useI18n } from '../../i18n';
import { formatDate, todayInChina } from '../../format/date';
import { EmptyState } from '../../components/PageState';

export default function HomePage() {
  const me = useMe();
  const { t, pick, locale } = useI18n();
  const entries = menuFor(PAGES, me.permissions).filter((m) => m.path !== '/');
  return (
    <div className="sn-page">
      <Typography.Title level={3}>{t('home.welcome', { name: me.displayName })}</Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('home.where', { role: pick(me.roleLabel.zh, me.roleLabel.en), region: me.regionName, date: formatDate(todayInChina(), locale) })}
      </Typography.Paragraph>
      {entries.length === 0 ? (
        <Card>
          <EmptyState description={t('home.nothing')} />
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          {entries.map((e) => (
            <Col key={e.key} xs={24} sm={12} lg={8}>
              <Link to={e.path}>
                <Card hoverable className="sn-home-card">
                  <e.icon className="sn-home-icon" />
                  <span className="sn-home-label">{t(e.label)}</span>
                </Card>
              </Link>
            </Col>
          ))}
        </Row>
      )}
    </div>
  );
}
