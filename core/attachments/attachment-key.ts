/**
 * Where a site's file lives in the R2 bucket. Shared by the Worker (upload, download) and the
 * team object (which deletes files: erased conversations, uploads never sent).
 */
export const attachmentKey = (siteId: string, id: string) => `sites/${siteId}/attachments/${id}`;
