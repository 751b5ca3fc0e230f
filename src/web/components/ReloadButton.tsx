/** The "刷新" button of a list or a page: asks the query again, spinning while it loads. */
import { ReloadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useT } from '../i18n/I18nProvider.tsx';

/** Reloads `query` (an `ApiState`, or anything with `reload` and `loading`). */
export function ReloadButton({ query }: { query: { reload: () => void; loading: boolean } }) {
  const t = useT();
  return (
    <Button icon={<ReloadOutlined />} onClick={query.reload} loading={query.loading}>
      {t('common.reload')}
    </Button>
  );
}
