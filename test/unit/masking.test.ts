import { maskEmail, maskPhone } from '../../src/auth/masking';

describe('maskPhone', () => {
  it.each([
    ['13800005678', '138****5678'],
    // Spaces, dashes and the +86 / 86 country code do not change the result.
    ['+86 138 0000 5678', '138****5678'],
    ['+8613800005678', '138****5678'],
    ['8613800005678', '138****5678'],
    ['138-0000-5678', '138****5678'],
    // A landline with its area code: prefix and last four digits.
    ['010-1234-5678', '010****5678'],
    ['0991-1234567', '099****4567'],
    // 0086 is not recognised as the country code, but the number is still masked.
    ['0086 138 0000 5678', '008****5678'],
  ])('%s -> %s', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });

  it('hides every digit of a number too short to keep a prefix and suffix', () => {
    expect(maskPhone('12345')).toBe('*****');
    expect(maskPhone('110')).toBe('***');
  });

  it('keeps absent values absent', () => {
    expect(maskPhone(null)).toBeNull();
    expect(maskPhone(undefined)).toBeNull();
    expect(maskPhone('')).toBe('');
  });

  it('never returns text without digits as it was', () => {
    expect(maskPhone('n/a')).toBe('');
    expect(maskPhone('ask the NOC')).toBe('');
  });

  it('never shows more than 7 digits of a number', () => {
    for (const phone of ['13800005678', '+86 138 0000 5678', '010-1234-5678', '+1 (415) 555-0100 x123']) {
      expect(maskPhone(phone)!.replace(/\D/g, '').length).toBeLessThanOrEqual(7);
    }
  });

  // A local number of 7-10 digits once kept 3 + 4 of them, showing a 7-digit number whole.
  it('hides at least half of the digits of a short local number', () => {
    for (const phone of ['1234567', '87654321', '0991123456']) {
      const digits = phone.length;
      const shown = maskPhone(phone)!.replace(/\D/g, '').length;
      expect(shown).toBeLessThanOrEqual(digits / 2);
    }
  });
});

describe('maskEmail', () => {
  it.each([
    ['wu.qiang@cm.example', 'w***@cm.example'],
    ['a@b.example', 'a***@b.example'],
    ['吴强@cm.example', '吴***@cm.example'],
    ['UPPER.Case@Example.COM', 'U***@Example.COM'],
  ])('%s -> %s', (email, masked) => {
    expect(maskEmail(email)).toBe(masked);
  });

  it('hides an address without a local part or without @ entirely', () => {
    expect(maskEmail('@cm.example')).toBe('***');
    expect(maskEmail('not-an-address')).toBe('***');
  });

  it('keeps absent values absent', () => {
    expect(maskEmail(null)).toBeNull();
    expect(maskEmail(undefined)).toBeNull();
    expect(maskEmail('')).toBe('');
  });

  it('does not reveal the length of the local part', () => {
    expect(maskEmail('x@cm.example')).toBe('x***@cm.example');
    expect(maskEmail('xylophone.player@cm.example')).toBe('x***@cm.example');
  });
});
