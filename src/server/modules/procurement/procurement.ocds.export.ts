/**
 * Huiqi's procurement results as OCDS 1.1 (issue 17; docs/reference/procurement.md "OCDS import and export"): the
 * awards of a year of one body, or of a region's bodies, as a release package (JSON) or in the flattened CSV form
 * (one row per release, so each release id once), each supplier's `details.scale` the scale the shares counted it by
 * — a recorded award's winner's declared size, an imported award's scale as its release gave it — with where it
 * comes from (`details.scaleSource`: `declared` or `imported`) and the registry's size class beside it
 * (`details.registryScale`). A buyer exports their own body; a supervising official a body or the bodies of their
 * region; an admin any. (Not public yet: the year's results are published with the body's annual report.)
 *
 * One release per ocid: an award recorded in Huiqi goes out under its project's ocid (`ocds-huiqi-<USCC>-<year>-
 * <code>`) as award `huiqi-<id>`; an imported award under the ocid, award id and release it came from, so that the
 * file imported back changes nothing.
 */
import { sql } from 'kysely';
import type { Static } from 'typebox';
import { type BidderSize, ocdsScaleOf } from '../../../reference/procurement.ts';
import type { OcdsExportQuery } from '../../../shared/api/procurement.ts';
import { csvCell } from '../../../shared/csv.ts';
import { assertInRegion, type Caller, requireActor } from '../../http/auth.ts';
import { AppError } from '../../http/errors.ts';
import { type BodyRow, buyerBody, type Db, readableBody, regionPrefixOf } from './procurement.bodies.ts';
import { OCDS_EXTENSIONS, OCDS_VERSION, USCC_SCHEME } from './procurement.ocds.rules.ts';
import { HUIQI_OCID_PREFIX, huiqiAwardId, huiqiOcid, registrySizes } from './procurement.ocds.ts';
import type { OcdsSupplier } from './procurement.table.ts';

type Json = Record<string, unknown>;

const isSize = (size: string | null | undefined): size is BidderSize =>
  size === 'large' || size === 'medium' || size === 'small' || size === 'micro';

/** What an export covers: the bodies, the year, and the words of its file name. */
export interface OcdsExportScope {
  bodies: BodyRow[];
  year: number;
  label: string;
  awards: number;
  /** The most suppliers of one award (the CSV's columns). */
  maxSuppliers: number;
  /** The most awards of one release, and at most how many suppliers they name together (the CSV's columns). */
  maxAwards: number;
  maxReleaseSuppliers: number;
}

/**
 * The bodies an export covers, checked before the first byte: a buyer's own body; an official's or admin's chosen
 * body or region (default: the official's region, an admin's whole country). 404 when the year has no award there.
 */
export async function ocdsExportScope(
  db: Db,
  caller: Caller,
  query: Static<typeof OcdsExportQuery>,
): Promise<OcdsExportScope> {
  const actor = requireActor(caller);
  let bodies: BodyRow[];
  let label: string;
  if (actor.role === 'buyer') {
    const own = await buyerBody(db, actor);
    if (query.bodyId !== undefined && query.bodyId !== Number(own.id))
      throw new AppError('OUT_OF_SCOPE', [
        {
          field: 'bodyId',
          message: { zh: '采购人只能导出本单位的成交结果', en: "a buyer exports their own body's results" },
        },
      ]);
    if (query.regionCode !== undefined)
      throw new AppError('OUT_OF_SCOPE', [
        {
          field: 'regionCode',
          message: { zh: '采购人只能导出本单位的成交结果', en: "a buyer exports their own body's results" },
        },
      ]);
    bodies = [own];
    label = own.uscc;
  } else if (query.bodyId !== undefined) {
    const body = await readableBody(db, actor, query.bodyId);
    bodies = [body];
    label = body.uscc;
  } else {
    const region = query.regionCode ?? (actor.role === 'admin' ? '' : (actor.regionCode ?? ''));
    if (region !== '' || actor.role !== 'admin') assertInRegion(actor, region);
    const prefix = region === '' ? '' : regionPrefixOf(region);
    bodies = (
      await db
        .selectFrom('procurement_bodies')
        .select(['id', 'uscc', 'name', 'region_code', 'kind', 'version'])
        .where('region_code', 'like', `${prefix}%`)
        .orderBy('id')
        .execute()
    ).map((b) => ({ ...b, id: Number(b.id) }));
    label = region === '' ? 'national' : region;
  }
  const ids = bodies.map((b) => Number(b.id));
  // A release is an ocid: an imported award's own, a recorded one's project's (else the award's own).
  const { rows } = await sql<{
    awards: number;
    most: number | null;
    releaseAwards: number | null;
    releaseSuppliers: number | null;
  }>`
    select sum(n)::int as awards, max(most)::int as most, max(n)::int as "releaseAwards",
      max(suppliers)::int as "releaseSuppliers"
    from (
      select count(*) as n, max(coalesce(jsonb_array_length(ocds_suppliers), 1)) as most,
        sum(coalesce(jsonb_array_length(ocds_suppliers), 1)) as suppliers
      from procurement_awards where body_id = any(${ids}::bigint[]) and year = ${query.year}
      group by body_id, coalesce(ocid, 'project-' || project_id::text, 'award-' || id::text)) g`.execute(db);
  const awards = rows[0]?.awards ?? 0;
  if (awards === 0)
    throw new AppError('NOT_FOUND', [], {
      zh: `${query.year} 年在所选范围内没有成交结果可导出`,
      en: `There are no awards of ${query.year} to export in this scope`,
    });
  return {
    bodies,
    year: query.year,
    label,
    awards,
    maxSuppliers: rows[0]?.most ?? 1,
    maxAwards: rows[0]?.releaseAwards ?? 1,
    maxReleaseSuppliers: rows[0]?.releaseSuppliers ?? 1,
  };
}

interface ExportRow {
  id: number;
  source: 'huiqi' | 'ocds';
  ocid: string | null;
  ocds_award_id: string | null;
  ocds_release_id: string | null;
  ocds_release_date: Date | string | null;
  plan_year: number | null;
  code: string | null;
  project_name: string | null;
  awarded_on: string;
  declared_size: string | null;
  ocds_scale: string | null;
  kind: string;
  suited: boolean;
  title: string;
  supplier_uscc: string | null;
  supplier_name: string;
  amount: string;
  ocds_suppliers: OcdsSupplier[] | null;
}

/** A party id: the USCC under its scheme, else the name. */
const partyId = (s: { uscc: string | null; name: string }) =>
  s.uscc ? `${USCC_SCHEME}-${s.uscc}` : `name-${s.name}`;

const isoOf = (v: Date | string) => (v instanceof Date ? v : new Date(v)).toISOString();
const dayStart = (day: string) => `${day}T00:00:00+08:00`;

/** One body's releases of the year (one per ocid), the suppliers' scales as the shares counted them. */
export async function bodyReleases(db: Db, body: BodyRow, year: number): Promise<Json[]> {
  const { rows } = await sql<ExportRow>`
    select a.id, a.source, a.ocid, a.ocds_award_id, a.ocds_release_id, a.ocds_release_date, p.plan_year, p.code,
      p.name as project_name, to_char(a.awarded_on, 'YYYY-MM-DD') as awarded_on, a.declared_size, a.ocds_scale,
      a.kind, a.suited, a.title,
      a.supplier_uscc, a.supplier_name, trim_scale(a.amount)::text as amount, a.ocds_suppliers
    from procurement_awards a
    left join procurement_projects p on p.body_id = a.body_id and p.id = a.project_id
    where a.body_id = ${body.id} and a.year = ${year}
    order by a.id`.execute(db);
  // Each supplier with the scale the shares counted it by: an imported award's as its release gave it, a recorded
  // award's winner's declared size (its 声明函, as the buyer recorded it).
  const suppliersOf = (r: ExportRow): (OcdsSupplier & { source: 'imported' | 'declared' })[] =>
    r.source === 'ocds' && r.ocds_suppliers && r.ocds_suppliers.length > 0
      ? r.ocds_suppliers.map((s) => ({ ...s, source: 'imported' as const }))
      : [
          {
            name: r.supplier_name,
            uscc: r.supplier_uscc,
            scale:
              r.source === 'ocds'
                ? r.ocds_scale
                : isSize(r.declared_size)
                  ? ocdsScaleOf(r.declared_size)
                  : null,
            source: r.source === 'ocds' ? ('imported' as const) : ('declared' as const),
          },
        ];
  const registry = await registrySizes(
    db,
    rows.flatMap((r) => suppliersOf(r).map((s) => s.uscc)).filter((u): u is string => Boolean(u)),
  );
  const registryScaleOf = (uscc: string | null) => {
    const size = uscc ? registry.get(uscc)?.size : undefined;
    return isSize(size) ? ocdsScaleOf(size) : null;
  };
  const buyer = {
    id: partyId({ uscc: body.uscc, name: body.name }),
    name: body.name,
    identifier: { scheme: USCC_SCHEME, id: body.uscc, legalName: body.name },
    address: { region: body.region_code },
    roles: ['buyer', 'procuringEntity'],
  };

  const groups = new Map<string, ExportRow[]>();
  for (const r of rows) {
    const ocid =
      r.source === 'ocds' && r.ocid
        ? r.ocid
        : huiqiOcid(
            body.uscc,
            r.plan_year === null || r.code === null ? null : { year: r.plan_year, code: r.code },
            Number(r.id),
          );
    const list = groups.get(ocid);
    if (list) list.push(r);
    else groups.set(ocid, [r]);
  }
  const releases: Json[] = [];
  for (const [ocid, list] of groups) {
    const first = list[0] as ExportRow;
    const parties: Json[] = [buyer];
    // A party per supplier and scale: one supplier that won two awards of the release declaring two sizes is two
    // parties (the second's id suffixed by its scale), so each award's supplier carries that award's own scale.
    const partyIds = new Map<string, Map<string, string>>();
    const idOf = (s: OcdsSupplier) => {
      const base = partyId(s);
      const scale = s.scale ?? '';
      let byScale = partyIds.get(base);
      if (!byScale) {
        byScale = new Map();
        partyIds.set(base, byScale);
      }
      const known = byScale.get(scale);
      if (known !== undefined) return { id: known, isNew: false };
      const id = byScale.size === 0 ? base : `${base}-${scale || 'unknown'}`;
      byScale.set(scale, id);
      return { id, isNew: true };
    };
    const awards = list.map((r) => {
      const suppliers = suppliersOf(r).map((s) => ({ ...s, ...idOf(s) }));
      for (const s of suppliers) {
        if (!s.isNew) continue;
        const id = s.id;
        const registryScale = registryScaleOf(s.uscc);
        const details = {
          ...(s.scale ? { scale: s.scale, scaleSource: s.source } : {}),
          ...(registryScale ? { registryScale } : {}),
        };
        parties.push({
          id,
          name: s.name,
          ...(s.uscc ? { identifier: { scheme: USCC_SCHEME, id: s.uscc, legalName: s.name } } : {}),
          roles: ['supplier'],
          ...(Object.keys(details).length > 0 ? { details } : {}),
        });
      }
      return {
        id: r.source === 'ocds' && r.ocds_award_id ? r.ocds_award_id : huiqiAwardId(Number(r.id)),
        ...(r.title ? { title: r.title } : {}),
        status: 'active',
        date: dayStart(r.awarded_on),
        value: { amount: Number(r.amount), currency: 'CNY' },
        suppliers: suppliers.map((s) => ({ id: s.id, name: s.name })),
      };
    });
    // The release: an imported group's latest release as it came; a Huiqi group's dated by its latest award.
    const imported = list.filter((r) => r.source === 'ocds' && r.ocds_release_id && r.ocds_release_date);
    const latest = imported.sort((a, b) =>
      isoOf(b.ocds_release_date as Date).localeCompare(isoOf(a.ocds_release_date as Date)),
    )[0];
    const lastDay = list
      .map((r) => r.awarded_on)
      .sort()
      .at(-1) as string;
    releases.push({
      ocid,
      id: latest?.ocds_release_id ?? `${ocid}-${lastDay}`,
      date: latest ? isoOf(latest.ocds_release_date as Date) : dayStart(lastDay),
      tag: ['award'],
      initiationType: 'tender',
      language: 'zh',
      parties,
      buyer: { id: buyer.id, name: body.name },
      tender: {
        id: ocid.startsWith(HUIQI_OCID_PREFIX) && first.code ? first.code : `${ocid}-tender`,
        ...(first.project_name ? { title: first.project_name } : {}),
        mainProcurementCategory: first.kind,
        suitability: { sme: first.suited },
        procuringEntity: { id: buyer.id, name: body.name },
      },
      awards,
    });
  }
  return releases;
}

/** The release package's text, piece by piece: the head, each body's releases, the end. */
export async function* releasePackageText(
  db: Db,
  scope: OcdsExportScope,
  uri: string,
  now: Date,
): AsyncGenerator<string> {
  const head = {
    uri,
    version: OCDS_VERSION,
    extensions: [...OCDS_EXTENSIONS],
    publishedDate: now.toISOString(),
    publisher: { name: '惠企 Huiqi' },
  };
  yield `${JSON.stringify(head).slice(0, -1)},"releases":[`;
  let first = true;
  for (const body of scope.bodies) {
    for (const release of await bodyReleases(db, body, scope.year)) {
      yield `${first ? '' : ','}\n${JSON.stringify(release)}`;
      first = false;
    }
  }
  yield '\n]}\n';
}

/**
 * The flattened CSV's columns: one row per release, as the OCDS flattening tool writes a release (its ids unique);
 * its awards as awards/0…, each award's suppliers as awards/k/suppliers/0…, the buyer as party 0 and the release's
 * suppliers as parties 1…n.
 */
export function csvColumns(maxAwards: number, maxSuppliers: number, maxParties: number): string[] {
  const columns = [
    'ocid',
    'id',
    'date',
    'tag',
    'initiationType',
    'language',
    'buyer/id',
    'buyer/name',
    'parties/0/id',
    'parties/0/name',
    'parties/0/roles',
    'parties/0/identifier/scheme',
    'parties/0/identifier/id',
    'parties/0/identifier/legalName',
    'parties/0/address/region',
    'tender/id',
    'tender/title',
    'tender/mainProcurementCategory',
    'tender/suitability/sme',
  ];
  for (let a = 0; a < maxAwards; a++) {
    columns.push(
      `awards/${a}/id`,
      `awards/${a}/title`,
      `awards/${a}/status`,
      `awards/${a}/date`,
      `awards/${a}/value/amount`,
      `awards/${a}/value/currency`,
    );
    for (let k = 0; k < maxSuppliers; k++)
      columns.push(`awards/${a}/suppliers/${k}/id`, `awards/${a}/suppliers/${k}/name`);
  }
  for (let k = 1; k <= maxParties; k++)
    columns.push(
      `parties/${k}/id`,
      `parties/${k}/name`,
      `parties/${k}/roles`,
      `parties/${k}/identifier/scheme`,
      `parties/${k}/identifier/id`,
      `parties/${k}/details/scale`,
      `parties/${k}/details/scaleSource`,
      `parties/${k}/details/registryScale`,
    );
  return columns;
}

/** The value at a flattened path of a release (a list of codes joined by `;`). */
function cellOf(value: unknown, path: string): string {
  let at: unknown = value;
  for (const step of path.split('/')) {
    if (at === null || at === undefined) return '';
    at = Array.isArray(at) ? at[Number(step)] : (at as Json)[step];
  }
  if (at === null || at === undefined) return '';
  if (Array.isArray(at)) return at.join(';');
  return String(at);
}

/** The flattened CSV's text, piece by piece (UTF-8 with a BOM, as spreadsheets read it): one row per release. */
export async function* flattenedCsvText(db: Db, scope: OcdsExportScope): AsyncGenerator<string> {
  const columns = csvColumns(scope.maxAwards, scope.maxSuppliers, scope.maxReleaseSuppliers);
  yield `\uFEFF${columns.join(',')}\r\n`;
  for (const body of scope.bodies) {
    const lines: string[] = [];
    for (const release of await bodyReleases(db, body, scope.year))
      lines.push(`${columns.map((c) => csvCell(cellOf(release, c))).join(',')}\r\n`);
    yield lines.join('');
  }
}
