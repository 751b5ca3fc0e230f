/**
 * YAML: the saved draft as a policy file (as in rules/policies/*.yaml), editable; "应用" uploads it, which updates
 * the draft of the policy with the file's id (or creates it). A file can be loaded or downloaded.
 */
import { CheckOutlined, DownloadOutlined, FolderOpenOutlined, UndoOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Input, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { ProblemList } from './common.tsx';
import type { Problem } from './ruleTree.ts';

interface YamlTabProps {
  /** The saved draft as YAML ('' for a new policy). */
  yaml: string;
  slug: string;
  readOnly: boolean;
  /** The form has edits not saved yet (the YAML shows the saved draft). */
  dirty: boolean;
  applying: boolean;
  onApply: (text: string) => void;
  /** Problems of the last upload, and its message. */
  problems: readonly Problem[];
  problemTitle: string | null;
}

/** The `id:` of a policy file, if it has one at the top level. */
export function yamlId(text: string): string | null {
  const match = /^id:\s*["']?([^\s"'#]+)["']?\s*(?:#.*)?$/m.exec(text);
  return match ? (match[1] ?? null) : null;
}

export function YamlTab({
  yaml,
  slug,
  readOnly,
  dirty,
  applying,
  onApply,
  problems,
  problemTitle,
}: YamlTabProps) {
  const { t } = useI18n();
  const [text, setText] = useState(yaml);
  const changed = text !== yaml;

  const download = () => {
    const blob = new Blob([text], { type: 'application/yaml;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = `${slug || 'policy'}.yaml`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  return (
    <Flex vertical gap={12}>
      {dirty ? <Alert type="warning" showIcon title={t('policyAdmin.yaml.dirty')} /> : null}
      {problemTitle ? (
        <ProblemList
          title={problemTitle}
          problems={problems}
          showFields={false}
          testId="policy-yaml-errors"
        />
      ) : null}
      <Card
        size="small"
        title={t('policyAdmin.yaml.title')}
        extra={
          <Flex gap={8} wrap>
            {readOnly ? null : (
              <Upload
                accept=".yaml,.yml,text/yaml"
                showUploadList={false}
                maxCount={1}
                beforeUpload={(file) => {
                  void file.text().then(setText);
                  return false;
                }}
              >
                <Button size="small" icon={<FolderOpenOutlined />}>
                  {t('policyAdmin.yaml.open')}
                </Button>
              </Upload>
            )}
            <Button size="small" icon={<DownloadOutlined />} onClick={download} disabled={text.trim() === ''}>
              {t('policyAdmin.yaml.download')}
            </Button>
            {readOnly ? null : (
              <>
                <Button
                  size="small"
                  icon={<UndoOutlined />}
                  disabled={!changed}
                  onClick={() => setText(yaml)}
                >
                  {t('policyAdmin.yaml.revert')}
                </Button>
                <Button
                  size="small"
                  type="primary"
                  icon={<CheckOutlined />}
                  loading={applying}
                  disabled={text.trim() === ''}
                  onClick={() => onApply(text)}
                  data-testid="policy-yaml-apply"
                >
                  {t('policyAdmin.yaml.apply')}
                </Button>
              </>
            )}
          </Flex>
        }
      >
        <Typography.Paragraph type="secondary">{t('policyAdmin.yaml.intro')}</Typography.Paragraph>
        <Input.TextArea
          value={text}
          onChange={(event) => setText(event.target.value)}
          readOnly={readOnly}
          autoSize={{ minRows: 18, maxRows: 40 }}
          className="huiqi-mono"
          style={{ fontSize: 13 }}
          spellCheck={false}
          placeholder={t('policyAdmin.yaml.placeholder')}
          data-testid="policy-yaml-text"
        />
      </Card>
    </Flex>
  );
}
