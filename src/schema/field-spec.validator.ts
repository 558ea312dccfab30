import { registerDecorator } from 'class-validator';
import { labelOfId, prefixOf, type NodeLabel } from '../domain/ids';
import { validateRecord } from '../domain/record-validation';
import { NODE_KINDS, EDGE_KINDS, type FieldSpec } from '../graph/kinds';

/**
 * class-validator decorators for input types that defer to the record specs in graph/kinds.ts, so a
 * name, phone number or e-mail address is held to the same rules whether it comes through the API or
 * the bulk import. Messages never echo the value (it may be personal data).
 */

function specOf(kindName: string, field: string): FieldSpec {
  const kind = NODE_KINDS.find((k) => k.kind === kindName) ?? EDGE_KINDS.find((k) => k.kind === kindName);
  const spec = kind?.fields.find((f) => f.name === field);
  if (!spec) throw new Error(`no field ${field} in record kind ${kindName}`);
  return spec;
}

/** The reason a value breaks the spec, or null. */
export function specProblem(spec: FieldSpec, value: unknown): string | null {
  const { problems } = validateRecord({ kind: 'input', label: 'Region', fields: [spec], links: [] }, { [spec.name]: value });
  const p = problems.find((x) => x.field === spec.name);
  // validateRecord quotes the offending value first ("x" is not an e-mail address): drop it.
  return p ? p.reason.replace(/^".*" (?=is not)/s, '') : null;
}

/**
 * Checks a string input against field `field` (default: the property name) of record kind `kind`.
 * `required` makes a blank string an error even where the stored field is optional.
 */
export function Spec(kind: string, opts: { field?: string; required?: boolean } = {}): PropertyDecorator {
  return (target, property) => {
    const field = opts.field ?? String(property);
    const resolve = () => {
      const spec = specOf(kind, field);
      return opts.required ? { ...spec, required: true } : spec;
    };
    registerDecorator({
      name: 'recordSpec',
      target: target.constructor,
      propertyName: String(property),
      validator: {
        validate: (value: unknown) => specProblem(resolve(), value) === null,
        defaultMessage: (args) => specProblem(resolve(), args?.value) ?? 'is invalid',
      },
    });
  };
}

const a = (word: string) => (/^[AEIOU]/.test(word) ? `an ${word}` : `a ${word}`);

const idProblem = (value: unknown, labels: NodeLabel[]): string | null => {
  const found = typeof value === 'string' ? labelOfId(value) : null;
  if (found && labels.includes(found)) return null;
  const expected = labels.map((l) => `${a(l)} id (${prefixOf(l)}_…)`).join(' or ');
  return found ? `is ${a(found)} id, expected ${expected}` : `is not ${expected}`;
};

/** The value (or, with `each`, every value of the list) is a well-formed id of the label. */
export function IdOf(label: NodeLabel | NodeLabel[], opts: { each?: boolean } = {}): PropertyDecorator {
  const labels = Array.isArray(label) ? label : [label];
  return (target, property) => {
    const problem = (value: unknown): string | null => {
      if (!opts.each) return idProblem(value, labels);
      if (!Array.isArray(value)) return 'must be a list of ids';
      for (const v of value) {
        const p = idProblem(v, labels);
        if (p) return `has an id that ${p}`;
      }
      return null;
    };
    registerDecorator({
      name: 'idOf',
      target: target.constructor,
      propertyName: String(property),
      validator: {
        validate: (value: unknown) => problem(value) === null,
        defaultMessage: (args) => problem(args?.value) ?? 'is invalid',
      },
    });
  };
}
