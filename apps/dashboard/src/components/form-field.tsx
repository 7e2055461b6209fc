import type { ComponentChildren } from 'preact';

/**
 * A labelled input with its error beside it: the browser's own constraint message before sending,
 * the server's field error after. `aria-invalid` and `aria-describedby` tie the message to the field.
 */
export function Field({
  id,
  label,
  error,
  hint,
  children,
}: {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  children: ComponentChildren;
}) {
  return (
    <div class={`field${error ? ' has-error' : ''}`}>
      <label for={id}>{label}</label>
      {children}
      {hint && !error && (
        <span class="field-hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {error && (
        <span class="field-error" id={`${id}-error`} data-testid={`error-${id}`}>
          {error}
        </span>
      )}
    </div>
  );
}

export function inputProps(
  id: string,
  error?: string,
): { id: string; name: string; 'aria-invalid'?: boolean; 'aria-describedby'?: string } {
  return { id, name: id, 'aria-invalid': error ? true : undefined, 'aria-describedby': error ? `${id}-error` : undefined };
}

/** Runs the browser's constraint validation and returns each invalid field's message by name. */
export function browserErrors(form: HTMLFormElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const el of Array.from(form.elements)) {
    if ((el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement) && !el.checkValidity()) {
      out[el.name || el.id] = el.validationMessage;
    }
  }
  return out;
}
