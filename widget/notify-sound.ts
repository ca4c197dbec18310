/**
 * The optional chime on a new message (`data-sound`): a short sine note made with Web Audio,
 * so the widget ships no sound file. Browsers allow it only after the visitor has interacted
 * with the page, which opening the chat is; when they refuse, it stays silent.
 */
let context: AudioContext | undefined;

export function chime(): void {
  try {
    context ??= new AudioContext();
    const at = context.currentTime;
    const note = context.createOscillator();
    const gain = context.createGain();
    note.frequency.value = 988;
    gain.gain.setValueAtTime(0.06, at);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.35);
    note.connect(gain).connect(context.destination);
    note.start();
    note.stop(at + 0.35);
  } catch {
    // No Web Audio, or not allowed yet: no sound.
  }
}
