import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CombinedError } from 'urql';

export function Loading() {
  const { t } = useTranslation();
  return <p role="status">{t('common.loading')}</p>;
}

export function ErrorBox({ error }: { error: CombinedError | Error | string }) {
  const { t } = useTranslation();
  const message =
    typeof error === 'string'
      ? error
      : 'graphQLErrors' in error && error.graphQLErrors.length
        ? error.graphQLErrors.map((e) => e.message).join('; ')
        : error.message;
  return (
    <p role="alert" className="error">
      {t('common.error')}: {message}
    </p>
  );
}

export function Panel({ title, children, id, actions }: { title: string; children: ReactNode; id?: string; actions?: ReactNode }) {
  const headingId = `${id ?? title.replace(/\W+/g, '-')}-h`;
  return (
    <section className="panel" aria-labelledby={headingId} id={id}>
      <div className="panel-head">
        <h2 id={headingId}>{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

export { EnumLabel } from './labels';

/** An engineer's name with a warning badge when they are not ACTIVE (transferred, on leave, left). */
export function EngineerName({ engineer }: { engineer: { id: string; name: string; nameLatin?: string | null; status?: string | null } }) {
  const { t, i18n } = useTranslation();
  const warn = engineer.status && engineer.status !== 'ACTIVE';
  const label = displayName(engineer, i18n.language);
  return (
    <>
      <Link to={`/engineers/${engineer.id}`}>{label}</Link>
      {warn && (
        <span className="badge warn" data-testid="engineer-warning">
          ⚠ {t(`warn.${engineer.status}`, { defaultValue: engineer.status! })}
        </span>
      )}
    </>
  );
}

export function Empty() {
  const { t } = useTranslation();
  return <p className="muted">{t('common.none')}</p>;
}

/** Where an id leads in the app. */
export function hrefOf(id: string, extra?: { customerId?: string }): string {
  if (id.startsWith('cus_')) return `/customers/${id}`;
  if (id.startsWith('eng_')) return `/engineers/${id}`;
  if (id.startsWith('hof_')) return `/handoffs/${id}`;
  if ((id.startsWith('con_') || id.startsWith('cas_') || id.startsWith('dev_') || id.startsWith('com_')) && extra?.customerId)
    return `/customers/${extra.customerId}#${id}`;
  return `/history/${id}`;
}

/** A phone number as a tap-to-call link; a masked number (VIEWER) is plain text. */
export function Phone({ phone, className }: { phone: string; className?: string }) {
  if (phone.includes('*')) return <span className={className}>{phone}</span>;
  return (
    <a href={`tel:${phone.replace(/[^+\d]/g, '')}`} className={className}>
      {phone}
    </a>
  );
}

/** A person's name for the reader: Chinese first in Chinese, the Latin form first otherwise. */
export function displayName(p: { name: string; nameLatin?: string | null }, lang: string): string {
  if (!p.nameLatin || p.nameLatin === p.name) return p.name;
  return lang === 'zh' ? `${p.name} (${p.nameLatin})` : `${p.nameLatin} (${p.name})`;
}
