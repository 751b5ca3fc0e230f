/** Auditor's home: number of entries, time of the last one, and chain verification. */
import { AuditOutlined, ClockCircleOutlined } from '@ant-design/icons';
import { Button, Card, Col, Row, Statistic, Typography } from 'antd';
import { useNavigate } from 'react-router';
import type { Home } from '../../api/client.ts';
import { VerifyChain } from '../../components/VerifyChain.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDateTime, formatNumber } from '../../lib/format.ts';

type AuditSummary = NonNullable<Home['audit']>;

export function AuditorHome({ audit }: { audit: AuditSummary }) {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} md={12}>
        <Card>
          <Statistic
            title={t('auditor.entries')}
            value={formatNumber(audit.entries, locale)}
            prefix={<AuditOutlined />}
            data-testid="audit-entries"
          />
        </Card>
      </Col>
      <Col xs={24} md={12}>
        <Card>
          <Statistic
            title={t('auditor.lastEntryAt')}
            value={formatDateTime(audit.lastEntryAt, locale)}
            prefix={<ClockCircleOutlined />}
          />
        </Card>
      </Col>
      <Col xs={24}>
        <Card
          title={t('verify.button')}
          extra={
            <Button type="link" onClick={() => navigate('/app/audit')}>
              {t('auditor.openLog')}
            </Button>
          }
        >
          <Typography.Paragraph type="secondary">{t('auditor.verifyText')}</Typography.Paragraph>
          <VerifyChain />
        </Card>
      </Col>
    </Row>
  );
}
