/**
 * Business hours in the settings form: always open, or a weekly schedule in the team's time
 * zone (several slots a day for split shifts; a slot ending before it starts runs past
 * midnight), dated exceptions (holidays, special hours) and what a visitor who writes while
 * the team is closed gets.
 */
import { html, nothing } from "lit";
import type { BusinessHours, OutsideHours, Weekday } from "../protocol/wire";
import { parseSlots, slotsText, type SettingsDraft } from "./settings-model";
import { checkField, groupError, selectField, textField, type FieldContext } from "./settings-fields";

/** Adding and removing rows; the form element changes its draft and re-renders. */
export interface HoursActions {
  addWeekly(): void;
  removeWeekly(index: number): void;
  addException(): void;
  removeException(index: number): void;
}

const dayLabels: Record<Weekday, string> = {
  mon: "Monday",
  tue: "Tuesday",
  wed: "Wednesday",
  thu: "Thursday",
  fri: "Friday",
  sat: "Saturday",
  sun: "Sunday",
};
const outsideLabels: Record<OutsideHours, string> = {
  queue: "Accept the chat; it waits in the queue for the opening",
  "offline-form": "Show the offline form (email and message)",
};

/** Time zones for the picker, where the browser can list them. */
let zones: string[] | undefined;
function timeZones(): string[] {
  try {
    zones ??= Intl.supportedValuesOf("timeZone");
  } catch {
    zones = [];
  }
  return zones;
}

export function renderHoursSection(context: FieldContext, draft: SettingsDraft, actions: HoursActions) {
  const hours: BusinessHours = draft.hours;
  return html`<section class="form-section" aria-labelledby="hours-title">
    <h3 id="hours-title">Business hours</h3>
    ${checkField(context, "hoursOn", "Use business hours", { help: "Off: the team is always open." })}
    ${
      draft.hoursOn
        ? html`<div class="grid">
            ${textField(context, "hours.timeZone", "Time zone", { list: "time-zones", placeholder: "Europe/Madrid" })}
            ${selectField(context, "hours.outsideHours", "Outside hours", Object.entries(outsideLabels))}
          </div>
          <datalist id="time-zones">${timeZones().map((zone) => html`<option value=${zone}></option>`)}</datalist>
          <h4>Every week</h4>
          ${groupError(context, "hours.weekly")}
          <table class="slots" data-testid="weekly-slots">
            <thead><tr><th>Day</th><th>Opens</th><th>Closes</th><th><span class="visually-hidden">Remove</span></th></tr></thead>
            <tbody>
              ${hours.weekly.map(
                (slot, index) => html`<tr>
                  <td>${selectField(context, `hours.weekly.${index}.day`, "Day", Object.entries(dayLabels), { compact: true })}</td>
                  <td>${textField(context, `hours.weekly.${index}.start`, "Opens", { type: "time", compact: true })}</td>
                  <td>${textField(context, `hours.weekly.${index}.end`, "Closes", { type: "time", compact: true })}</td>
                  <td><button type="button" class="ghost small" aria-label="Remove ${dayLabels[slot.day]} ${slot.start}" @click=${() => actions.removeWeekly(index)}>Remove</button></td>
                </tr>`,
              )}
            </tbody>
          </table>
          <button type="button" class="ghost small" data-testid="add-weekly-slot" @click=${actions.addWeekly}>Add a slot</button>
          <h4>Exceptions</h4>
          ${groupError(context, "hours.exceptions")}
          ${hours.exceptions.length === 0 ? html`<p class="muted">No holidays or special days.</p>` : nothing}
          <table class="slots" data-testid="hour-exceptions">
            ${
              hours.exceptions.length > 0
                ? html`<thead><tr><th>Date</th><th>Hours that day (empty: closed)</th><th>Label</th><th><span class="visually-hidden">Remove</span></th></tr></thead>`
                : nothing
            }
            <tbody>
              ${hours.exceptions.map(
                (exception, index) => html`<tr>
                  <td>${textField(context, `hours.exceptions.${index}.date`, "Date", { type: "date", compact: true })}</td>
                  <td>
                    ${textField(context, `hours.exceptions.${index}.slots`, "Hours", {
                      compact: true,
                      placeholder: "closed, or 10:00-14:00",
                      read: () => slotsText(exception.slots),
                      write: (text) => context.set(`hours.exceptions.${index}.slots`, parseSlots(text)),
                    })}
                  </td>
                  <td>${textField(context, `hours.exceptions.${index}.label`, "Label", { compact: true, placeholder: "Christmas" })}</td>
                  <td><button type="button" class="ghost small" aria-label="Remove ${exception.date}" @click=${() => actions.removeException(index)}>Remove</button></td>
                </tr>`,
              )}
            </tbody>
          </table>
          <button type="button" class="ghost small" data-testid="add-exception" @click=${actions.addException}>Add an exception</button>`
        : nothing
    }
  </section>`;
}
