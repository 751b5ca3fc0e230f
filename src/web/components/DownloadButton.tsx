/**
 * A button that downloads a file the server generates. While the file is prepared it shows a spinner; a refusal
 * or failure is shown as a message in the page (the server's reason, in the user's language).
 */
import { DownloadOutlined } from '@ant-design/icons';
import { App as AntApp, Button, type ButtonProps } from 'antd';
import { type ReactNode, useState } from 'react';
import { downloadFile } from '../api/client.ts';

interface DownloadButtonProps extends Omit<ButtonProps, 'href' | 'onClick' | 'loading'> {
  /** The address of the file. */
  url: string;
  /** File name used when the server does not name the file. */
  fileName: string;
  children: ReactNode;
}

export function DownloadButton({ url, fileName, children, icon, ...rest }: DownloadButtonProps) {
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState(false);
  const onClick = async () => {
    setBusy(true);
    try {
      await downloadFile(url, fileName);
    } catch (error) {
      void message.error(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button {...rest} icon={icon ?? <DownloadOutlined />} loading={busy} onClick={() => void onClick()}>
      {children}
    </Button>
  );
}
