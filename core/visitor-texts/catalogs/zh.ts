/** Simplified Chinese visitor texts: templates and phrases; one form for every count. */
import type { LanguageCatalog } from "./language-catalog";

const away = "我们现在不在线，将于{opensAt}回来。";
const awayUnscheduled = "我们现在不在线。";
const queued = "请给我们留言，我们回来后会尽快回复。";
const form = "请留下您的邮箱和留言，我们会与您联系。";
const busy = "我们的客服目前都在忙。您在队列中排第{position}位。";
/** Queued while no agent is online (no estimate then): not "busy", nobody is there. */
const noAgents = "目前没有在线客服。您在队列中排第{position}位，客服回来后会尽快回复您。";

export const zh: LanguageCatalog = {
  templates: {
    welcome: "您好！有什么可以帮您？",
    assigned: "{name}正在为您服务。{name}通常在{replyTime}内回复。",
    away: `${away}${queued}`,
    "away-unscheduled": `${awayUnscheduled}${queued}`,
    "away-form": `${away}${form}`,
    "away-form-unscheduled": `${awayUnscheduled}${form}`,
    overflow: `${busy}预计等待时间：{wait}。`,
    "overflow-no-estimate": noAgents,
    closed: "本次对话已结束。感谢您的咨询！",
  },
  phrases: {
    replyAboutAMinute: "大约一分钟",
    replyFewMinutes: "几分钟",
    replyMinutes: { other: "{n}分钟" },
    replyAboutAnHour: "大约一小时",
    replyHours: { other: "{n}小时" },
    waitUnderAMinute: "不到一分钟",
    waitMinutes: { other: "{n}分钟" },
    waitHours: { other: "{n}小时" },
  },
};
