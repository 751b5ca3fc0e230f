/** 404 and 403 pages. */
import { Button, Result, Typography } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { useSession } from '../auth/SessionProvider.tsx';
import { useT } from '../i18n/I18nProvider.tsx';

function BackHome() {
  const t = useT();
  const navigate = useNavigate();
  const { user } = useSession();
  return (
    <Button type="primary" onClick={() => navigate(user ? '/app' : '/')}>
      {t('common.backHome')}
    </Button>
  );
}

/** No page at this address: says which address, with the way home (no retry: trying again cannot help). */
export function NotFoundPage() {
  const t = useT();
  const { pathname } = useLocation();
  return (
    <Result
      status="404"
      title={<span data-testid="not-found-title">{t('error.notFound.title')}</span>}
      subTitle={
        <>
          <div>{t('error.notFound.subtitle')}</div>
          <Typography.Text type="secondary" className="huiqi-mono" data-testid="not-found-path">
            {pathname}
          </Typography.Text>
        </>
      }
      extra={<BackHome />}
      style={{ padding: '64px 16px' }}
    />
  );
}

export function ForbiddenPage() {
  const t = useT();
  return (
    <Result
      status="403"
      title={<span data-testid="forbidden-title">{t('error.forbidden.title')}</span>}
      subTitle={t('error.forbidden.subtitle')}
      extra={<BackHome />}
      style={{ padding: '64px 16px' }}
    />
  );
}
