/**
 * The registry's monthly statistics (issue 16, measure 3) as the pages show them: a group's counts (active
 * enterprises, entries, exits, new registrations) as a table, and the pickers of a group (GB/T 4754 section, the
 * region's next level down, size class). Counts, not indices: no line to read them against, nothing withheld, and no
 * trace (the server refuses one for a count).
 */
import { Flex, Select, Table, type TableColumnsType, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { Figure, FigureGroup } from '../../api/monitoring.ts';
import { RegionName } from '../../components/RegionName.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { compareCountMeasures, compareRegions, compareSizes } from './monitoringModel.ts';
import {
  CountValue,
  sixDigitRegion,
  useMeasureName,
  useSectionName,
  useSizeName,
} from './monitoringParts.tsx';

/** A group's counts, in the registry's order of measures. */
export function CountFiguresTable({
  figures,
  loading = false,
  testId = 'count-figures',
}: {
  figures: readonly Figure[];
  loading?: boolean;
  testId?: string;
}) {
  const { t } = useI18n();
  const measureName = useMeasureName();
  const rows = [...figures].sort((a, b) => compareCountMeasures(a.measure, b.measure));
  const columns: TableColumnsType<Figure> = [
    {
      title: t('monitoring.figure.measure'),
      dataIndex: 'measure',
      render: (measure: string) =>
        measure === 'enterprises' ? <strong>{measureName(measure)}</strong> : measureName(measure),
    },
    {
      title: t('monitoring.registry.count'),
      dataIndex: 'value',
      width: 140,
      align: 'right',
      render: (value: string | null) => <CountValue value={value} strong />,
    },
  ];
  return (
    <Table<Figure>
      rowKey={(f) => `${f.measure}|${f.industry}|${f.regionCode}|${f.size}`}
      size="small"
      columns={columns}
      dataSource={rows}
      loading={loading}
      pagination={false}
      locale={{ emptyText: loading ? ' ' : t('monitoring.registry.figuresEmpty') }}
      data-testid={testId}
      onRow={(f) =>
        ({ 'data-testid': 'count-row', 'data-measure': f.measure, 'data-value': f.value ?? '' }) as object
      }
    />
  );
}

/** The groups a run or series has figures for. */
export interface CountGroups {
  industries: readonly string[];
  regions: readonly string[];
  sizes: readonly string[];
}

/** The pickers of a group: section, the next level's region (named by RegionName), size; '' every one. */
export function CountGroupPickers({
  groups,
  value,
  onChange,
  testIdPrefix,
  labelled = false,
}: {
  groups: CountGroups | undefined;
  value: FigureGroup;
  onChange: (group: FigureGroup) => void;
  /** Test ids: `${prefix}-industry`, `${prefix}-region`, `${prefix}-size`. */
  testIdPrefix: string;
  /** Each picker with its label above it. */
  labelled?: boolean;
}) {
  const { t } = useI18n();
  const sectionName = useSectionName();
  const sizeName = useSizeName();
  const picker = (
    key: keyof FigureGroup,
    codes: readonly string[] | undefined,
    all: string,
    label: string,
    name: (code: string) => ReactNode,
    width: number,
    testId: string,
    compare: (a: string, b: string) => number,
  ) => {
    const select = (
      <Select<string>
        style={{ width }}
        value={value[key] ?? ''}
        onChange={(next) => onChange({ ...value, [key]: next || undefined })}
        options={[
          { value: '', label: all },
          ...(codes ?? [])
            .filter((c) => c !== '')
            .sort(compare)
            .map((code) => ({ value: code, label: name(code) })),
        ]}
        popupMatchSelectWidth={false}
        aria-label={label}
        data-testid={testId}
      />
    );
    return labelled ? (
      <Flex vertical gap={2} key={key}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {label}
        </Typography.Text>
        {select}
      </Flex>
    ) : (
      <span key={key}>{select}</span>
    );
  };
  return (
    <>
      {picker(
        'industry',
        groups?.industries,
        t('monitoring.group.allIndustries'),
        t('monitoring.group.industry'),
        sectionName,
        240,
        `${testIdPrefix}-industry`,
        (a, b) => a.localeCompare(b),
      )}
      {picker(
        'regionCode',
        groups?.regions,
        t('monitoring.group.allRegions'),
        t('monitoring.group.region'),
        (code) => (
          <RegionName code={sixDigitRegion(code)} />
        ),
        180,
        `${testIdPrefix}-region`,
        compareRegions,
      )}
      {picker(
        'size',
        groups?.sizes,
        t('monitoring.group.allSizes'),
        t('monitoring.group.size'),
        sizeName,
        140,
        `${testIdPrefix}-size`,
        compareSizes,
      )}
    </>
  );
}
