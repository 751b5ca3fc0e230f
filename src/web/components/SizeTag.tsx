/** A size class as a coloured tag (大型 purple, 中型 blue, 小型 green, 微型 gold, 不适用 grey, 无效 red). */
import { Tag } from 'antd';
import type { Size } from '../api/client.ts';
import { useT } from '../i18n/I18nProvider.tsx';
import { SIZE_LABELS, SIZE_TAG_COLORS } from '../lib/size.ts';

interface SizeTagProps {
  size: Size | null | undefined;
  /** A large tag for result cards. */
  big?: boolean;
  testId?: string;
}

export function SizeTag({ size, big = false, testId }: SizeTagProps) {
  const t = useT();
  if (!size) return <span style={{ color: '#8c8c8c' }}>{t('size.unknown')}</span>;
  return (
    <Tag
      color={SIZE_TAG_COLORS[size]}
      data-testid={testId}
      data-size={size}
      style={big ? { fontSize: 20, lineHeight: '36px', padding: '0 16px', fontWeight: 600 } : undefined}
    >
      {t(SIZE_LABELS[size])}
    </Tag>
  );
}
