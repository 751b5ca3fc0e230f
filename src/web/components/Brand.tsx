/** The product mark and name. */
import { Typography } from 'antd';
import { useT } from '../i18n/I18nProvider.tsx';

export function Brand({ dark = false, compact = false }: { dark?: boolean; compact?: boolean }) {
  const t = useT();
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 10, whiteSpace: 'nowrap' }}>
      <span
        aria-hidden
        style={{
          display: 'inline-flex',
          alignItems: 'center',
          justifyContent: 'center',
          width: 32,
          height: 32,
          borderRadius: 8,
          background: dark ? '#ffffff' : '#1458c4',
          color: dark ? '#1458c4' : '#ffffff',
          fontWeight: 700,
          fontSize: 18,
        }}
      >
        {t('app.logo')}
      </span>
      {compact ? null : (
        <Typography.Text strong style={{ fontSize: 18, color: dark ? '#ffffff' : '#0b2a5b' }}>
          {t('app.name')}
        </Typography.Text>
      )}
    </span>
  );
}
