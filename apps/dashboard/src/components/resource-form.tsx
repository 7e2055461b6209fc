import { useState } from 'preact/hooks';
import { ApiError } from '../app/api-client';
import { browserErrors, Field, inputProps } from './form-field';

export interface FieldSpec {
  name: string;
  label: string;
  type?: 'text' | 'email' | 'password' | 'number' | 'date' | 'select';
  required?: boolean;
  min?: number;
  max?: number;
  minLength?: number;
  step?: number;
  options?: { value: string; label: string }[];
  hint?: string;
}

export type FormValues = Record<string, string>;

/**
 * A form checked by the browser first (constraint validation, each message beside its field),
 * then by the server: a 400's field errors ("sla.P1.resolutionMinutes: …") land beside the
 * field of that name; errors about no shown field go above the button.
 */
export function ResourceForm({
  fields,
  initial = {},
  submitLabel,
  onSubmit,
}: {
  fields: FieldSpec[];
  initial?: FormValues;
  submitLabel: string;
  onSubmit: (values: FormValues) => Promise<void>;
}) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (ev: SubmitEvent) => {
    ev.preventDefault();
    const form = ev.currentTarget as HTMLFormElement;
    const local = browserErrors(form);
    setErrors(local);
    setGeneral(null);
    if (Object.keys(local).length) {
      (form.querySelector('[aria-invalid="true"], :invalid') as HTMLElement | null)?.focus();
      return;
    }
    const values: FormValues = {};
    for (const f of fields) values[f.name] = String(new FormData(form).get(f.name) ?? '');
    setBusy(true);
    try {
      await onSubmit(values);
    } catch (err) {
      if (err instanceof ApiError) {
        const known: Record<string, string> = {};
        const other: string[] = [];
        for (const [path, message] of Object.entries(err.fields)) {
          const field = fields.find((f) => f.name === path || path.startsWith(`${f.name}.`));
          if (field) known[field.name] ??= message;
          else other.push(`${path}: ${message}`);
        }
        setErrors(known);
        setGeneral(other.length ? other.join('; ') : Object.keys(known).length ? null : err.message);
      } else setGeneral(String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="resource-form" noValidate onSubmit={(ev) => void submit(ev)}>
      {fields.map((f) => {
        const id = `f-${f.name.replace(/\W/g, '-')}`;
        const common = { ...inputProps(id, errors[f.name]), name: f.name, required: f.required };
        return (
          <Field key={f.name} id={id} label={f.label} error={errors[f.name]} hint={f.hint}>
            {f.type === 'select' ? (
              <select {...(common as object)} defaultValue={initial[f.name] ?? ''}>
                {!f.required && <option value="">—</option>}
                {f.required && !initial[f.name] && <option value="">Choose…</option>}
                {f.options?.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            ) : (
              <input
                {...common}
                type={(f.type ?? 'text') as 'text'}
                min={f.min}
                max={f.max}
                step={f.step}
                minLength={f.minLength}
                defaultValue={initial[f.name] ?? ''}
                autoComplete={f.type === 'password' ? 'new-password' : 'off'}
              />
            )}
          </Field>
        );
      })}
      {general && (
        <p class="form-error" role="alert" data-testid="form-error">
          {general}
        </p>
      )}
      <button type="submit" class="btn btn-primary" disabled={busy}>
        {busy ? 'Saving…' : submitLabel}
      </button>
    </form>
  );
}
