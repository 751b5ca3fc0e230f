/** `/app`: the home page of the signed-in user's role, from /api/home. */
import { Skeleton, Typography } from 'antd';
import type { Role } from '../../../shared/roles.ts';
import { useSession } from '../../auth/SessionProvider.tsx';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import type { MessageKey } from '../../i18n/core.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { apiQuery, useApiQuery } from '../../lib/queries.ts';
import { AdminHome } from './AdminHome.tsx';
import { AuditorHome } from './AuditorHome.tsx';
import { BankHome } from './BankHome.tsx';
import { BuyerHome } from './BuyerHome.tsx';
import { EnterpriseHome } from './EnterpriseHome.tsx';
import { OfficialHome } from './OfficialHome.tsx';
import { PayerHome } from './PayerHome.tsx';

/** The title of each role's home page. */
const HOME_TITLES: Record<Role, MessageKey> = {
  enterprise: 'home.title.enterprise',
  official: 'home.title.official',
  bank: 'home.title.bank',
  admin: 'home.title.admin',
  auditor: 'home.title.auditor',
  payer: 'home.title.payer',
  buyer: 'home.title.buyer',
};

export default function HomePage() {
  const t = useT();
  const { user } = useSession();
  const home = useApiQuery(apiQuery('/api/home'));
  if (!user) return null;

  const body = () => {
    if (home.error && !home.data) {
      return <ErrorResult error={home.error} title={t('home.loadFailed')} onRetry={home.reload} />;
    }
    const data = home.data;
    if (!data) return <Skeleton active paragraph={{ rows: 8 }} />;
    if (data.enterprise) return <EnterpriseHome enterprise={data.enterprise} />;
    if (data.region) return <OfficialHome region={data.region} user={user} />;
    if (data.institution) return <BankHome institution={data.institution} />;
    if (data.admin) return <AdminHome admin={data.admin} />;
    if (data.audit) return <AuditorHome audit={data.audit} />;
    if (data.organization) return <PayerHome organization={data.organization} />;
    // A buyer's body is null while it is not registered: the home says who registers it.
    if (data.role === 'buyer') return <BuyerHome body={data.buyingBody ?? null} />;
    return <Skeleton paragraph={{ rows: 4 }} />;
  };

  return (
    <div>
      <Typography.Title level={2} data-testid="home-title" style={{ marginTop: 0, marginBottom: 4 }}>
        {t(HOME_TITLES[user.role])}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 20 }}>
        {t('home.welcome', { name: user.displayName })}
      </Typography.Paragraph>
      {body()}
    </div>
  );
}
