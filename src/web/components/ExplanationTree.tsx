/**
 * Why an enterprise qualifies or not: the eligibility answer's clause tree, each clause with ✓ (holds), ✗ (fails)
 * or ? (a fact is missing), in the current language. Used by the public check, "my policies" and test runs.
 */
import { CheckCircleFilled, CloseCircleFilled, QuestionCircleFilled } from '@ant-design/icons';
import { Typography } from 'antd';
import type { Explained } from '../api/client.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';

const ICONS = {
  true: <CheckCircleFilled style={{ color: '#389e0d' }} aria-hidden />,
  false: <CloseCircleFilled style={{ color: '#cf1322' }} aria-hidden />,
  null: <QuestionCircleFilled style={{ color: '#d48806' }} aria-hidden />,
};

function Clause({ node, depth }: { node: Explained; depth: number }) {
  const { locale } = useI18n();
  const text = locale === 'en' ? node.text.en : node.text.zh;
  return (
    <li style={{ listStyle: 'none', margin: '2px 0' }} data-result={String(node.result)}>
      <span style={{ display: 'inline-flex', gap: 6, alignItems: 'baseline' }}>
        {ICONS[String(node.result) as 'true' | 'false' | 'null']}
        <Typography.Text strong={depth === 0 && Boolean(node.children)}>{text}</Typography.Text>
      </span>
      {node.children && node.children.length > 0 ? (
        <ul style={{ paddingInlineStart: 22, margin: 0 }}>
          {node.children.map((child, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: clauses have no identity beyond their place
            <Clause key={i} node={child} depth={depth + 1} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

/** The clause tree of an answer. */
export function ExplanationTree({ explanation, testId }: { explanation: Explained; testId?: string }) {
  return (
    <ul style={{ paddingInlineStart: 0, margin: 0 }} data-testid={testId}>
      <Clause node={explanation} depth={0} />
    </ul>
  );
}

/** One clause as a line of text in the current language (near misses, missing facts). */
export function useClauseText() {
  const { locale } = useI18n();
  return (text: { zh: string; en: string }) => (locale === 'en' ? text.en : text.zh);
}
