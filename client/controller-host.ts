/**
 * The part of Lit's ReactiveControllerHost the connection controllers use, spelled out so
 * the controllers import nothing from Lit and run in plain Node tests with a fake host.
 */
export interface Controller {
  hostConnected?(): void;
  hostDisconnected?(): void;
}

export interface ControllerHost {
  addController(controller: Controller): void;
  requestUpdate(): void;
}
