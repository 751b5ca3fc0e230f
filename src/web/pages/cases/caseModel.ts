/**
 * What officials' case pages know of the case engine: the states and their colours, the deadline statuses, and
 * which actions an official may take in each state (mirroring TRANSITIONS in src/server/modules/cases/cases.rules.ts
 * for the role 'official'); the buttons shown are those the case detail's `allowedActions` offers the caller.
 */
import { isMessageKey } from '../../i18n/core.ts';
import type { TFunction } from '../../i18n/I18nProvider.tsx';

export const CASE_STATES = [
  'submitted',
  'accepted',
  'in_progress',
  'info_requested',
  'replied',
  'closed',
  'returned',
  'merged',
] as const;
export type CaseStateName = (typeof CASE_STATES)[number];

export const CASE_TYPES = ['demand', 'arrears'] as const;
export type CaseTypeName = (typeof CASE_TYPES)[number];

/** Open states: a clock may run, officials still have work to do. */
export const OPEN_STATES: readonly CaseStateName[] = [
  'submitted',
  'accepted',
  'in_progress',
  'info_requested',
];

export const STATE_COLORS: Record<string, string> = {
  submitted: 'gold',
  accepted: 'cyan',
  in_progress: 'processing',
  info_requested: 'purple',
  replied: 'blue',
  closed: 'green',
  returned: 'default',
  merged: 'default',
};

export const CLOCK_COLORS: Record<string, string> = {
  on_time: 'green',
  due_soon: 'orange',
  overdue: 'red',
  paused: 'default',
};

/**
 * The actions of an official. (Spelled out: `CaseActionInput['action']` comes out as `never`, the schema building
 * its union from a mapped string array.)
 */
export type OfficialAction =
  | 'accept'
  | 'return'
  | 'assign'
  | 'transfer'
  | 'request_info'
  | 'reply'
  | 'extend'
  | 'close'
  | 'merge'
  | 'comment';

/** The states from which an official may take each action (cases.rules.ts TRANSITIONS, role 'official'). */
export const OFFICIAL_ACTIONS: Readonly<Record<OfficialAction, readonly CaseStateName[]>> = {
  accept: ['submitted'],
  return: ['submitted'],
  assign: ['accepted', 'in_progress'],
  transfer: ['submitted', 'accepted', 'in_progress'],
  request_info: ['in_progress'],
  reply: ['in_progress'],
  extend: ['in_progress', 'info_requested'],
  close: ['replied'],
  merge: ['submitted', 'accepted', 'in_progress'],
  comment: ['submitted', 'accepted', 'in_progress', 'info_requested', 'replied'],
};

/** The order the action buttons are shown in. */
export const ACTION_ORDER: readonly OfficialAction[] = [
  'accept',
  'assign',
  'reply',
  'request_info',
  'extend',
  'close',
  'transfer',
  'merge',
  'return',
  'comment',
];

/** Actions whose note the server requires (cases.service.ts NOTE_REQUIRED). */
export const NOTE_REQUIRED: readonly OfficialAction[] = [
  'return',
  'transfer',
  'request_info',
  'reply',
  'comment',
];

/**
 * The official actions to show on a case, in display order: those the server offers the caller (the case
 * detail's `allowedActions`, computed by the rules it enforces), never more.
 */
export function shownActions(allowed: readonly string[]): OfficialAction[] {
  return ACTION_ORDER.filter((action) => allowed.includes(action));
}

/** A case's title in the user's language: the English the system built where there is one, else as typed. */
export function caseTitle(row: { title: string; titleEn: string | null }, locale: string): string {
  return locale.startsWith('en') && row.titleEn ? row.titleEn : row.title;
}

/** A `caseAdmin.<prefix>.<value>` message, or the value itself when there is none. */
export function caseLabel(t: TFunction, prefix: string, value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const key = `caseAdmin.${prefix}.${value}`;
  return isMessageKey(key) ? t(key) : value;
}

/** A 'YYYY-MM' month of a URL parameter (the supervision dashboard's period), or undefined. */
export function monthOf(value: string | null): string | undefined {
  return value && /^\d{4}-(0[1-9]|1[0-2])$/.test(value) ? value : undefined;
}

/**
 * The `state` URL parameter: one state, several separated by commas (every open state, as the supervision
 * dashboard links it, is the default queue: []), `all`, or nothing / unknown ([]: open cases).
 */
export function statesOf(param: string | null): CaseStateName[] | 'all' {
  if (param === 'all') return 'all';
  const states = [...new Set((param ?? '').split(','))].filter((s): s is CaseStateName =>
    (CASE_STATES as readonly string[]).includes(s),
  );
  const everyOpen = OPEN_STATES.every((s) => states.includes(s)) && states.length === OPEN_STATES.length;
  return everyOpen ? [] : states;
}
