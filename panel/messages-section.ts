/**
 * The visitor texts in the settings form: a team's own templates per language over the
 * product's built-in ones (shown as placeholders), with the `{variables}` each may use, and
 * the language for visitors whose own has no text.
 */
import { html, nothing } from "lit";
import type { MessageTemplateKey } from "../protocol/wire";
import { languageName } from "./format";
import type { TeamFormView } from "./settings-api";
import type { SettingsDraft } from "./settings-model";
import { groupError, textAreaField, textField, type FieldContext } from "./settings-fields";

const templateLabels: Record<MessageTemplateKey, string> = {
  welcome: "Welcome",
  assigned: "Assigned to an agent",
  away: "Closed, chat queued (opening known)",
  "away-unscheduled": "Closed, chat queued (no opening scheduled)",
  "away-form": "Closed, offline form (opening known)",
  "away-form-unscheduled": "Closed, offline form (no opening scheduled)",
  overflow: "Everyone busy, with the estimated wait",
  "overflow-no-estimate": "Nobody online, no estimate",
  closed: "Conversation ended",
};

export interface MessageActions {
  addLanguage(language: string): void;
  removeLanguage(language: string): void;
}

export function renderMessagesSection(
  context: FieldContext,
  draft: SettingsDraft,
  view: TeamFormView,
  actions: MessageActions,
) {
  const languages = Object.keys(draft.messages.templates).sort();
  return html`<section class="form-section" aria-labelledby="messages-title">
    <h3 id="messages-title">Messages to visitors</h3>
    <p class="muted">Empty fields use the built-in text, shown greyed. Variables in braces are filled in for each visitor.</p>
    <div class="grid">
      ${textField(context, "messages.defaultLanguage", "Language for visitors whose language has no text", { placeholder: "en" })}
    </div>
    ${groupError(context, "messages.templates")}
    ${languages.map((language) => {
      const builtIn =
        view.builtInTemplates[language.toLowerCase().split("-")[0] ?? ""] ?? view.builtInTemplates.en;
      return html`<fieldset class="language" data-testid="language-templates" data-language=${language}>
        <legend>${languageName(language)} <code>${language}</code></legend>
        <button type="button" class="ghost small remove-language" @click=${() => actions.removeLanguage(language)}>Remove ${language}</button>
        ${groupError(context, `messages.templates.${language}`)}
        <div class="templates">
          ${(Object.keys(templateLabels) as MessageTemplateKey[]).map((key) =>
            textAreaField(context, `messages.templates.${language}.${key}`, templateLabels[key], {
              placeholder: builtIn?.[key] ?? "",
              help: html`May use ${view.templateVariables[key].map((name, index) => html`${index > 0 ? ", " : ""}<code>{${name}}</code>`)}`,
            }),
          )}
        </div>
      </fieldset>`;
    })}
    <form
      class="add-language"
      @submit=${(event: SubmitEvent) => {
        event.preventDefault();
        const input = (event.currentTarget as HTMLFormElement).elements.namedItem(
          "language",
        ) as HTMLInputElement;
        if (input.value.trim()) actions.addLanguage(input.value.trim());
        input.value = "";
      }}
    >
      <label>
        <span class="label">Add a language</span>
        <input name="language" data-testid="add-language-input" placeholder="es, pt-BR…" autocomplete="off" />
      </label>
      <button type="submit" class="ghost small" data-testid="add-language">Add</button>
      ${languages.length === 0 ? html`<span class="muted">No texts of the team's own yet.</span>` : nothing}
    </form>
  </section>`;
}
