/**
 * A WebSocket stand-in for the client kit's tests in plain Node: records what was sent and
 * how it was closed, and lets the test play the server (open, a frame, a close).
 */
export class FakeWebSocket {
  readyState = 0;
  readonly sent: string[] = [];
  closed: { code?: number; reason?: string } | undefined;
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number }) => void) | null = null;

  constructor(readonly url: string) {}

  send(text: string): void {
    if (this.readyState !== 1) throw new Error("not open");
    this.sent.push(text);
  }

  close(code?: number, reason?: string): void {
    this.closed = { code, reason };
    this.readyState = 3;
  }

  /** The server accepted the connection. */
  open(): void {
    this.readyState = 1;
    this.onopen?.();
  }

  /** The server sent a text frame. */
  receive(data: string): void {
    this.onmessage?.({ data });
  }

  /** The server (or the network) closed the socket. */
  serverClose(code: number): void {
    this.readyState = 3;
    this.onclose?.({ code });
  }

  /** The frames sent, parsed. */
  frames(): { type: string; [key: string]: unknown }[] {
    return this.sent.filter((text) => text.startsWith("{")).map((text) => JSON.parse(text));
  }
}
