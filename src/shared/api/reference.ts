/** API schemas of reference data. */
import Type, { type Static } from 'typebox';
import { Nullable, RegionCode, Strict } from './common.ts';

/** A GB/T 2260 region. */
export const RegionSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  fullName: Type.String(),
  level: Type.Union([Type.Literal('province'), Type.Literal('city'), Type.Literal('county')]),
  parentCode: Nullable(Type.String()),
  /** The name romanised in Hanyu Pinyin ('Zhejiang Sheng'): GB/T 2260 has no English names. */
  nameEn: Type.String({ description: 'The name romanised in Hanyu Pinyin; GB/T 2260 has no English names' }),
  /** The full name romanised, smallest division first ('Kunshan Shi, Suzhou Shi, Jiangsu Sheng'). */
  fullNameEn: Type.String({ description: 'The full name romanised, smallest division first' }),
});
export type RegionView = Static<typeof RegionSchema>;

/** Query for region children: no parent → provinces. */
export const RegionChildrenQuery = Strict({ parent: Type.Optional(RegionCode) });

/** Path parameter of one region. */
export const RegionParams = Strict({ code: RegionCode });

/** A GB/T 4754-2017 industry. */
export const IndustrySchema = Type.Object({
  code: Type.String(),
  level: Type.String(),
  nameZh: Type.String(),
  nameEn: Type.String(),
  parentCode: Nullable(Type.String()),
  section: Type.String(),
});

/** A department officials can belong to. */
export const DepartmentSchema = Type.Object({
  code: Type.String(),
  nameZh: Type.String(),
  nameEn: Type.String(),
});

/** Result of checking a Unified Social Credit Code. */
export const UsccCheckSchema = Type.Object({
  code: Type.String(),
  isValid: Type.Boolean(),
  reason: Nullable(Type.String()),
  message: Nullable(Type.String()),
  regionCode: Nullable(Type.String()),
});
export const UsccParams = Strict({ code: Type.String({ maxLength: 40 }) });
