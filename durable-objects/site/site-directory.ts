/**
 * The site directory: the one SiteDO that `siteDirectoryStub` names keeps which sites exist
 * (one key each), and every configured SiteDO lists itself there once. The Worker asks the
 * directory before it touches (and so creates) a site's own object.
 */
import { siteDirectoryStub } from "../addresses";
import type { SiteHost } from "./site-host";

/** Set once this site is in the site directory (`siteDirectoryStub`). */
const LISTED_KEY = "directory:listed";

export class SiteDirectory {
  constructor(private readonly host: SiteHost) {}

  /** On the directory object: true when the admin API created this site. */
  async has(siteId: string): Promise<boolean> {
    return (await this.host.storage.get(`site:${siteId}`)) === true;
  }

  /** On the directory object: the site exists from now on. */
  async add(siteId: string): Promise<void> {
    await this.host.storage.put(`site:${siteId}`, true);
  }

  /** Puts this configured site in the site directory once (then remembers it did). */
  async listOnce(): Promise<void> {
    if ((await this.host.storage.get(LISTED_KEY)) === true) return;
    const siteId = this.host.store.site()?.siteId;
    if (!siteId) return;
    await this.list(siteId);
  }

  /** Puts this site in the directory (the admin API just created or applied it). */
  async list(siteId: string): Promise<void> {
    await siteDirectoryStub(this.host.env).directoryAdd(siteId);
    await this.host.storage.put(LISTED_KEY, true);
  }
}
