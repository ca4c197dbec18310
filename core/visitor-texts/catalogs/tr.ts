/**
 * Turkish visitor texts ("siz"): templates and phrases. Turkish nouns stay singular after a
 * number ("5 dakika"), so one form serves every count.
 */
import type { LanguageCatalog } from "./language-catalog";

const away = "Şu anda hizmet dışıyız. Dönüş zamanımız: {opensAt}.";
const awayUnscheduled = "Şu anda hizmet dışıyız.";
const queued = "Bize bir mesaj bırakın, döner dönmez yanıt verelim.";
const form = "E-posta adresinizi ve mesajınızı bırakın, size geri dönelim.";
const busy = "Tüm temsilcilerimiz şu anda meşgul. Sıradaki yeriniz: {position}.";
/** Queued while no agent is online (no estimate then): not "busy", nobody is there. */
const noAgents =
  "Şu anda çevrimiçi temsilcimiz yok. Sıradaki yeriniz: {position}. Biri döner dönmez yanıt vereceğiz.";

export const tr: LanguageCatalog = {
  templates: {
    welcome: "Merhaba! Size nasıl yardımcı olabiliriz?",
    assigned: "{name} ile görüşüyorsunuz. Genellikle {replyTime} içinde yanıt verir.",
    away: `${away} ${queued}`,
    "away-unscheduled": `${awayUnscheduled} ${queued}`,
    "away-form": `${away} ${form}`,
    "away-form-unscheduled": `${awayUnscheduled} ${form}`,
    overflow: `${busy} Tahmini bekleme süresi: {wait}.`,
    "overflow-no-estimate": noAgents,
    closed: "Bu görüşme sona erdi. Bize yazdığınız için teşekkürler!",
  },
  phrases: {
    replyAboutAMinute: "yaklaşık bir dakika",
    replyFewMinutes: "birkaç dakika",
    replyMinutes: { other: "{n} dakika" },
    replyAboutAnHour: "yaklaşık bir saat",
    replyHours: { other: "{n} saat" },
    waitUnderAMinute: "bir dakikadan az",
    waitMinutes: { other: "{n} dakika" },
    waitHours: { other: "{n} saat" },
  },
};
