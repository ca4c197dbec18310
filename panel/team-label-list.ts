/**
 * The label lists of one or more teams for a panel element, as a Lit reactive controller:
 * loaded through `teamLabels` (one fetch per team, cached) and loaded again whenever a lead
 * saves a list (`LABELS_CHANGED` on `window`), so every label picker and chip follows.
 * Used by the conversation header's labels, the inbox's label filter, the history and the
 * lead's closed-today card.
 */
import type { Label } from "../protocol/wire";
import type { Controller, ControllerHost } from "../client/controller-host";
import { LABELS_CHANGED, teamLabels } from "./history-api";
import type { PanelCredentials } from "./panel-auth";

/** What to load now; null while the host cannot say (then what is held stays). */
export type LabelSource = () => { credentials: PanelCredentials; teamIds: readonly string[] } | null;

export class TeamLabelList implements Controller {
  /** The teams' labels, each id once, in the teams' order. */
  labels: Label[] = [];
  private loadedFor = "";

  constructor(
    private readonly host: ControllerHost,
    private readonly source: LabelSource,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener(LABELS_CHANGED, this.reload);
  }

  hostDisconnected(): void {
    window.removeEventListener(LABELS_CHANGED, this.reload);
  }

  /** Loads unless the same teams were loaded last. */
  load(): void {
    const wanted = this.source();
    if (wanted && wanted.teamIds.join(",") !== this.loadedFor) this.reload();
  }

  /** Loads the lists of the teams the host names now. */
  readonly reload = (): void => {
    const wanted = this.source();
    if (!wanted) return;
    this.loadedFor = wanted.teamIds.join(",");
    const { credentials, teamIds } = wanted;
    void Promise.all(teamIds.map((teamId) => teamLabels(credentials, teamId))).then((lists) => {
      this.labels = [...new Map(lists.flat().map((label) => [label.id, label])).values()];
      this.host.requestUpdate();
    });
  };
}
