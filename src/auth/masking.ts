/**
 * Personal data shown to callers whose role does not allow it: enough to recognise a number or an
 * address, not enough to use it. 13800001234 -> 138****1234; wu.qiang@cm.example -> w***@cm.example.
 */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return phone ?? null;
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 7) return '*'.repeat(digits.length);
  // Chinese mobile numbers keep their 3-digit prefix and last 4 digits (138****5678); shorter
  // numbers keep only their last two, so that the mask always hides most of the number.
  const local = digits.length > 11 && digits.startsWith('86') ? digits.slice(2) : digits;
  if (local.length < 11) return `${'*'.repeat(local.length - 2)}${local.slice(-2)}`;
  return `${local.slice(0, 3)}****${local.slice(-4)}`;
}

export function maskEmail(email: string | null | undefined): string | null {
  if (!email) return email ?? null;
  const at = email.indexOf('@');
  if (at < 1) return '***';
  return `${email[0]}***${email.slice(at)}`;
}
