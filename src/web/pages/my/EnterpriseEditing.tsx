/** "Edit profile" and "report figures" buttons with their drawer and modal, for the enterprise itself or an admin. */
import { EditOutlined, FormOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { type ReactNode, useState } from 'react';
import type { EnterpriseDetail } from '../../api/client.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { FiguresModal } from './FiguresModal.tsx';
import { ProfileDrawer } from './ProfileDrawer.tsx';

interface EditingOptions {
  detail: EnterpriseDetail | undefined;
  /** A saved change: the new detail from the API. */
  onChanged: (detail: EnterpriseDetail) => void;
  /** The data is stale (409): reload it. */
  onStale: () => void;
  /** Prefix of the buttons' test ids: 'my-enterprise' → my-enterprise-edit, my-enterprise-report-figures. */
  testIdPrefix: string;
}

/** The two buttons (for the detail view's header) and the overlays they open (render both). */
export function useEnterpriseEditing({ detail, onChanged, onStale, testIdPrefix }: EditingOptions): {
  buttons: ReactNode;
  overlays: ReactNode;
} {
  const t = useT();
  const [editing, setEditing] = useState(false);
  const [reporting, setReporting] = useState(false);
  if (!detail) return { buttons: null, overlays: null };
  return {
    buttons: (
      <>
        <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid={`${testIdPrefix}-edit`}>
          {t('profile.edit')}
        </Button>
        <Button
          type="primary"
          icon={<FormOutlined />}
          onClick={() => setReporting(true)}
          data-testid={`${testIdPrefix}-report-figures`}
        >
          {t('figuresForm.open')}
        </Button>
      </>
    ),
    overlays: (
      <>
        <ProfileDrawer
          open={editing}
          detail={detail}
          onClose={() => setEditing(false)}
          onSaved={onChanged}
          onStale={onStale}
        />
        <FiguresModal
          open={reporting}
          detail={detail}
          onClose={() => setReporting(false)}
          onSaved={onChanged}
        />
      </>
    ),
  };
}
