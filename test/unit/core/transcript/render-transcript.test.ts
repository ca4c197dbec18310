import { describe, expect, it } from "vitest";
import { renderHtml, renderText, type TranscriptInput } from "../../../../core/transcript";

const at = Date.UTC(2026, 11, 2, 9, 5);
const input: TranscriptInput = {
  siteName: "Acme <shop>",
  teamName: "Support",
  conversationId: "c_1",
  timeZone: "Europe/Madrid",
  locale: "es-ES",
  lines: [
    { from: "system", text: "Hola", at },
    { from: "visitor", text: "<script>alert(1)</script>", at },
    {
      from: "agent",
      authorName: "Ana",
      text: "Aquí está la factura",
      at: at + 60_000,
      attachments: [
        { name: "factura.pdf", url: "https://files.example/f.pdf" },
        { name: "evil", url: "javascript:alert(1)" },
      ],
    },
  ],
};

describe("renderTranscript", () => {
  it("writes plain text with the site's name and times in the visitor's zone and language", () => {
    const text = renderText(input);
    expect(text).toContain("Acme <shop> — conversation with Support");
    expect(text).toContain("times in Europe/Madrid");
    // 09:05 UTC is 10:05 in Madrid in December; Spanish month names.
    expect(text).toContain("[2 dic 2026, 10:05] — Hola");
    expect(text).toContain("] You: <script>alert(1)</script>");
    expect(text).toContain("[2 dic 2026, 10:06] Ana: Aquí está la factura");
    expect(text).toContain("    Attachment: factura.pdf <https://files.example/f.pdf>");
  });

  it("escapes every text in HTML and links only http(s) attachments", () => {
    const html = renderHtml(input);
    expect(html).toContain("<title>Acme &lt;shop&gt; — conversation with Support</title>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toContain("<script>");
    expect(html).toContain('<a href="https://files.example/f.pdf">factura.pdf</a>');
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain('<html lang="es-ES">');
  });

  it("falls back to UTC and English for an unknown zone or a malformed locale", () => {
    const text = renderText({ ...input, timeZone: "Mars/Base", locale: "!!" });
    expect(text).toContain("times in UTC");
    expect(text).toContain("Dec 2, 2026, 9:05");
  });
});
