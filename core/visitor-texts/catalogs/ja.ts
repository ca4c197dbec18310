/** Japanese visitor texts (polite です/ます form): templates and phrases; one form for every count. */
import type { LanguageCatalog } from "./language-catalog";

const away = "ただいま営業時間外です。再開は{opensAt}です。";
const awayUnscheduled = "ただいま営業時間外です。";
const queued = "メッセージを残していただければ、再開後にお返事します。";
const form = "メールアドレスとメッセージを残していただければ、折り返しご連絡します。";
const busy = "ただいま担当者がすべて対応中です。順番は{position}番目です。";
/** Queued while no agent is online (no estimate then): not "busy", nobody is there. */
const noAgents =
  "ただいま対応できる担当者がいません。順番は{position}番目です。担当者が戻りしだいご返信します。";

export const ja: LanguageCatalog = {
  templates: {
    welcome: "こんにちは！どのようなご用件でしょうか？",
    assigned: "{name}が担当します。{name}は通常{replyTime}以内に返信します。",
    away: `${away}${queued}`,
    "away-unscheduled": `${awayUnscheduled}${queued}`,
    "away-form": `${away}${form}`,
    "away-form-unscheduled": `${awayUnscheduled}${form}`,
    overflow: `${busy}予想待ち時間は{wait}です。`,
    "overflow-no-estimate": noAgents,
    closed: "この会話は終了しました。お問い合わせありがとうございました。",
  },
  phrases: {
    replyAboutAMinute: "約1分",
    replyFewMinutes: "数分",
    replyMinutes: { other: "{n}分" },
    replyAboutAnHour: "約1時間",
    replyHours: { other: "{n}時間" },
    waitUnderAMinute: "1分未満",
    waitMinutes: { other: "{n}分" },
    waitHours: { other: "{n}時間" },
  },
};
