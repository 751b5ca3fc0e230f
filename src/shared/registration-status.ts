/** Registration statuses as the registry's pages name them (web i18n `enterprise.status.*`), for server texts. */
export const REGISTRATION_STATUS_NAMES: Readonly<Record<string, { zh: string; en: string }>> = {
  active: { zh: '存续', en: 'active' },
  suspended: { zh: '停业', en: 'suspended' },
  revoked: { zh: '吊销', en: 'revoked' },
  cancelled: { zh: '注销', en: 'cancelled' },
};
