import { useTranslation } from 'react-i18next';

/** An enum value (role, status, kind…) in the reader's language. */
export function EnumLabel({ value }: { value: string }) {
  const { t } = useTranslation();
  return <>{t(`enum.${value}`, { defaultValue: value })}</>;
}
