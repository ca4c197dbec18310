/**
 * The inputs of the settings form, each bound to a dotted path of the draft (the path the
 * server names in a validation error) and showing that error beside itself. Template
 * functions used by `<team-settings-form>` and its sections.
 */
import { html, nothing, type TemplateResult } from "lit";

/** How a field reads and writes the draft, and finds its error. */
export interface FieldContext {
  get(path: string): unknown;
  set(path: string, value: unknown): void;
  /** The error to show at this field, if the last save failed there. */
  errorAt(path: string): string | null;
  /** Called by every rendered field, so an error finds the nearest field that exists. */
  register(path: string): void;
}

interface Common {
  help?: string | TemplateResult;
  /** Narrow inline layout (for tables of slots). */
  compact?: boolean;
}

function frame(
  context: FieldContext,
  path: string,
  label: string,
  control: TemplateResult,
  options: Common,
  kind = "",
) {
  context.register(path);
  const error = context.errorAt(path);
  return html`<div class="field ${kind} ${error ? "invalid" : ""} ${options.compact ? "compact" : ""}" data-path=${path}>
    <label>
      <span class="label ${options.compact ? "visually-hidden" : ""}">${label}</span>
      ${control}
    </label>
    ${options.help && !options.compact ? html`<small class="help">${options.help}</small>` : nothing}
    ${error ? html`<p class="field-error" role="alert" data-testid="field-error" data-path=${path}>${error}</p>` : nothing}
  </div>`;
}

/** A whole number; empty means null where `nullable` (e.g. "never"), else it is sent as null and refused. */
export function numberField(
  context: FieldContext,
  path: string,
  label: string,
  options: Common & { unit?: string; nullable?: string; min?: number; max?: number } = {},
) {
  const value = context.get(path);
  const control = html`<span class="with-unit">
    <input
      type="number"
      inputmode="numeric"
      step="1"
      min=${options.min ?? nothing}
      max=${options.max ?? nothing}
      name=${path}
      data-testid="field:${path}"
      placeholder=${options.nullable ?? ""}
      .value=${value === null || value === undefined ? "" : String(value)}
      aria-invalid=${context.errorAt(path) ? "true" : "false"}
      @change=${(event: Event) => {
        const text = (event.currentTarget as HTMLInputElement).value.trim();
        context.set(path, text === "" ? null : Number(text));
      }}
    />
    ${options.unit ? html`<span class="unit">${options.unit}</span>` : nothing}
  </span>`;
  return frame(context, path, label, control, options);
}

export function checkField(context: FieldContext, path: string, label: string, options: Common = {}) {
  context.register(path);
  const error = context.errorAt(path);
  return html`<div class="field check ${error ? "invalid" : ""}" data-path=${path}>
    <label>
      <input
        type="checkbox"
        name=${path}
        data-testid="field:${path}"
        .checked=${context.get(path) === true}
        @change=${(event: Event) => context.set(path, (event.currentTarget as HTMLInputElement).checked)}
      />
      <span class="label">${label}</span>
    </label>
    ${options.help ? html`<small class="help">${options.help}</small>` : nothing}
    ${error ? html`<p class="field-error" role="alert" data-testid="field-error" data-path=${path}>${error}</p>` : nothing}
  </div>`;
}

export function selectField(
  context: FieldContext,
  path: string,
  label: string,
  choices: readonly (readonly [string, string])[],
  options: Common & { onPick?: (value: string) => void } = {},
) {
  const value = String(context.get(path) ?? "");
  const control = html`<select
    name=${path}
    data-testid="field:${path}"
    .value=${value}
    @change=${(event: Event) => {
      const picked = (event.currentTarget as HTMLSelectElement).value;
      if (options.onPick) options.onPick(picked);
      else context.set(path, picked);
    }}
  >
    ${choices.map(([choice, text]) => html`<option value=${choice} ?selected=${choice === value}>${text}</option>`)}
  </select>`;
  return frame(context, path, label, control, options);
}

export function textField(
  context: FieldContext,
  path: string,
  label: string,
  options: Common & {
    placeholder?: string;
    list?: string;
    type?: string;
    read?: () => string;
    write?: (text: string) => void;
  } = {},
) {
  const value = options.read ? options.read() : String(context.get(path) ?? "");
  const control = html`<input
    type=${options.type ?? "text"}
    name=${path}
    data-testid="field:${path}"
    list=${options.list ?? nothing}
    placeholder=${options.placeholder ?? ""}
    autocomplete="off"
    .value=${value}
    aria-invalid=${context.errorAt(path) ? "true" : "false"}
    @change=${(event: Event) => {
      const text = (event.currentTarget as HTMLInputElement).value;
      if (options.write) options.write(text);
      else context.set(path, text);
    }}
  />`;
  return frame(context, path, label, control, options);
}

export function textAreaField(
  context: FieldContext,
  path: string,
  label: string,
  options: Common & { placeholder?: string } = {},
) {
  const control = html`<textarea
    name=${path}
    data-testid="field:${path}"
    rows="2"
    placeholder=${options.placeholder ?? ""}
    .value=${String(context.get(path) ?? "")}
    aria-invalid=${context.errorAt(path) ? "true" : "false"}
    @change=${(event: Event) => context.set(path, (event.currentTarget as HTMLTextAreaElement).value)}
  ></textarea>`;
  return frame(context, path, label, control, options, "wide");
}

/** The error of a group of fields (a list as a whole), shown above it. */
export function groupError(context: FieldContext, path: string) {
  context.register(path);
  const error = context.errorAt(path);
  return error
    ? html`<p class="field-error" role="alert" data-testid="field-error" data-path=${path}>${error}</p>`
    : nothing;
}
