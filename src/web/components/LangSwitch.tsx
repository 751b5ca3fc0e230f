/** The language toggle: shows the other language and switches to it (saved to the account when signed in). */
import { GlobalOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useSession } from '../auth/SessionProvider.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';

export function LangSwitch({ dark = false, compact = false }: { dark?: boolean; compact?: boolean }) {
  const { locale, t } = useI18n();
  const { changeLocale } = useSession();
  const next = locale === 'zh-CN' ? 'en' : 'zh-CN';
  return (
    <Button
      type="text"
      icon={<GlobalOutlined />}
      data-testid="lang-switch"
      aria-label={t('lang.switchLabel')}
      title={t('lang.switchLabel')}
      lang={next}
      style={dark ? { color: '#fff' } : undefined}
      onClick={() => void changeLocale(next)}
    >
      {compact ? null : t('lang.switchTo')}
    </Button>
  );
}
