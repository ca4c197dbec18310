/**
 * Tells an agent who is looking elsewhere that something needs them: a desktop
 * notification and a short two-tone chime (WebAudio, no sound file) when a conversation is
 * assigned, a visitor writes, or a visitor starts waiting, but only while the panel is in a
 * background tab or window. On unless the agent muted them (the bell; remembered in this
 * browser): a new chat must never go unnoticed. The browser's notification permission is
 * asked the first time the agent goes online (that pick is the one click the prompt needs),
 * and audio starts at the first click or key press (browsers allow it only after a gesture).
 */

const PREFERENCE_KEY = "edgechat:panel:alerts";

export type AlertState = "off" | "on" | "blocked" | "unsupported";

export interface DeskAlert {
  title: string;
  body: string;
  /** Alerts with one tag replace each other (one per conversation). */
  tag: string;
  /** Runs when the agent clicks the notification, after the panel is focused. */
  open(): void;
}

export class DeskAlerts {
  private audio: AudioContext | null = null;
  private wanted = readPreference();

  /** Whether the agent turned alerts on, and what the browser allows. */
  get state(): AlertState {
    if (!this.wanted) return "off";
    if (!("Notification" in window)) return typeof AudioContext === "undefined" ? "unsupported" : "on";
    return Notification.permission === "denied" ? "blocked" : "on";
  }

  /** Turns alerts on; call from a click, so the permission prompt and audio are allowed. */
  async enable(): Promise<void> {
    this.wanted = true;
    writePreference(true);
    this.unlockAudio();
    if ("Notification" in window && Notification.permission === "default")
      await Notification.requestPermission();
  }

  /** The agent chose to go online (a user gesture): ask for notifications if never asked. */
  goingOnline(): void {
    this.unlockAudio();
    if (this.wanted && "Notification" in window && Notification.permission === "default")
      void Notification.requestPermission();
  }

  disable(): void {
    this.wanted = false;
    writePreference(false);
  }

  /** Any click or key press: audio may start now (it stays suspended until a gesture). */
  unlockAudio(): void {
    if (!this.wanted || typeof AudioContext === "undefined") return;
    this.audio ??= new AudioContext();
    if (this.audio.state === "suspended") void this.audio.resume();
  }

  /** Alerts if alerts are on and the agent is not looking at the panel. */
  alert(alert: DeskAlert): void {
    if (!this.wanted || !inBackground()) return;
    this.chime();
    if (!("Notification" in window) || Notification.permission !== "granted") return;
    const notification = new Notification(alert.title, { body: alert.body, tag: alert.tag });
    notification.onclick = () => {
      window.focus();
      alert.open();
      notification.close();
    };
  }

  /** Two short sine tones, quiet, about a third of a second in all. */
  private chime(): void {
    const audio = this.audio;
    if (!audio || audio.state !== "running") return;
    const start = audio.currentTime;
    [880, 1320].forEach((frequency, index) => {
      const at = start + index * 0.14;
      const tone = audio.createOscillator();
      const gain = audio.createGain();
      tone.type = "sine";
      tone.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.15, at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.18);
      tone.connect(gain).connect(audio.destination);
      tone.start(at);
      tone.stop(at + 0.2);
    });
  }
}

/** A hidden tab, or a visible one in a window that is not focused. */
function inBackground(): boolean {
  return document.visibilityState !== "visible" || !document.hasFocus();
}

function readPreference(): boolean {
  try {
    return localStorage.getItem(PREFERENCE_KEY) !== "off";
  } catch {
    return true;
  }
}

function writePreference(on: boolean): void {
  try {
    localStorage.setItem(PREFERENCE_KEY, on ? "on" : "off");
  } catch {
    // Then the choice lasts until the page reloads.
  }
}
