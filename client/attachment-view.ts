/**
 * How a message's files look, in the widget and the panel: images as thumbnails (a link to the
 * full picture), other files as their name and size, downloaded when clicked. Lit's `html` is
 * passed in, so the widget's attachment chunk imports no Lit of its own. The bytes come from the
 * chat server's origin through signed links; until a link is there, a placeholder of the size.
 */
import { fileSize, isAttachmentRef, type AttachmentLinks } from "./attachment-transfer";

type Html = (strings: TemplateStringsArray, ...values: unknown[]) => unknown;

/** A thumbnail fits in this box, keeping the picture's proportions. */
const THUMB = 160;

/** `size`: how a file's size is written (the widget's, in the visitor's language). */
export function renderAttachments(
  html: Html,
  refs: unknown,
  links: AttachmentLinks,
  size: (bytes: number) => string = fileSize,
): unknown {
  if (!Array.isArray(refs)) return "";
  const files = refs.filter(isAttachmentRef);
  return html`<ul class="files" part="files">
    ${files.map((file) => {
      const url = links.url(file.id);
      if (file.type.startsWith("image/")) {
        const scale = Math.min(1, THUMB / Math.max(file.width ?? THUMB, file.height ?? THUMB));
        const width = Math.max(1, Math.round((file.width ?? THUMB) * scale));
        const height = Math.max(1, Math.round((file.height ?? THUMB) * scale));
        return html`<li class="file image">
          ${
            url
              ? html`<a href=${url} target="_blank" rel="noopener noreferrer" title=${file.name}
                ><img src=${url} alt=${file.name} width=${width} height=${height} loading="lazy" data-testid="attachment-image"
              /></a>`
              : html`<span class="thumb-wait" role="img" aria-label=${file.name}></span>`
          }
        </li>`;
      }
      const label = html`<span class="name">${file.name}</span> <span class="size">${size(file.size)}</span>`;
      return html`<li class="file doc">
        ${
          url
            ? html`<a href=${url} download=${file.name} rel="noopener noreferrer" data-testid="attachment-link">${label}</a>`
            : html`<span class="link-wait">${label}</span>`
        }
      </li>`;
    })}
  </ul>`;
}
