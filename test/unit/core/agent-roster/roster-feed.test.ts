/**
 * The roster feed: changes within a tick go out as one batch, only the agents whose entry
 * differs from what each recipient holds, and nothing when a change was undone in the tick.
 */
import { describe, expect, it } from "vitest";
import { RosterFeed } from "../../../../core/agent-roster";

interface Entry {
  id: string;
  status: string;
  open: number;
}

function roster(entries: Entry[]) {
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  return {
    set: (entry: Entry) => byId.set(entry.id, entry),
    remove: (id: string) => byId.delete(id),
    current: (id: string) => byId.get(id) ?? null,
  };
}

describe("RosterFeed", () => {
  it("sends many changes of a tick as one batch to every recipient, and asks for one tick", () => {
    const team = roster([]);
    const feed = new RosterFeed<Entry, string>();
    const ticks: boolean[] = [];
    for (let open = 1; open <= 5; open++) {
      team.set({ id: "ana", status: "online", open });
      ticks.push(feed.touch("ana"));
    }
    team.set({ id: "ben", status: "online", open: 2 });
    ticks.push(feed.touch("ben"));
    expect(ticks).toEqual([true, false, false, false, false, false]);
    expect(feed.flush(team.current, ["ana", "ben", "cy"])).toEqual([
      {
        entries: [
          { id: "ana", status: "online", open: 5 },
          { id: "ben", status: "online", open: 2 },
        ],
        recipients: ["ana", "ben", "cy"],
      },
    ]);
    expect(feed.pending).toBe(false);
    expect(feed.flush(team.current, ["ana", "ben", "cy"])).toEqual([]);
  });

  it("sends nothing for a change undone within the tick", () => {
    const team = roster([{ id: "ana", status: "online", open: 3 }]);
    const feed = new RosterFeed<Entry, string>();
    feed.touch("ana");
    feed.flush(team.current, ["ben"]);
    team.set({ id: "ana", status: "online", open: 4 });
    feed.touch("ana");
    team.set({ id: "ana", status: "online", open: 3 });
    feed.touch("ana");
    expect(feed.flush(team.current, ["ben"])).toEqual([]);
  });

  it("leaves out what a recipient was sent on its own since the last flush", () => {
    const team = roster([
      { id: "ana", status: "online", open: 1 },
      { id: "ben", status: "online", open: 1 },
    ]);
    const feed = new RosterFeed<Entry, string>();
    feed.touch("ana");
    feed.touch("ben");
    feed.flush(team.current, ["ana", "ben"]);
    team.set({ id: "ana", status: "away", open: 1 });
    feed.touch("ana");
    // Ana's own tab got the answer to her presence change; a new tab got a snapshot.
    feed.sentTo("ana-tab", [{ id: "ana", status: "away", open: 1 }]);
    feed.sentTo("new-tab", [
      { id: "ana", status: "away", open: 1 },
      { id: "ben", status: "online", open: 1 },
    ]);
    team.set({ id: "ben", status: "online", open: 2 });
    feed.touch("ben");
    expect(feed.flush(team.current, ["ana-tab", "new-tab", "ben"])).toEqual([
      { entries: [{ id: "ben", status: "online", open: 2 }], recipients: ["ana-tab", "new-tab"] },
      {
        entries: [
          { id: "ana", status: "away", open: 1 },
          { id: "ben", status: "online", open: 2 },
        ],
        recipients: ["ben"],
      },
    ]);
  });

  it("drops an agent no longer of the team and sends it again once it is back", () => {
    const team = roster([{ id: "ana", status: "online", open: 0 }]);
    const feed = new RosterFeed<Entry, string>();
    feed.touch("ana");
    feed.flush(team.current, ["ben"]);
    team.remove("ana");
    feed.touch("ana");
    expect(feed.flush(team.current, ["ben"])).toEqual([]);
    team.set({ id: "ana", status: "online", open: 0 });
    feed.touch("ana");
    expect(feed.flush(team.current, ["ben"])).toEqual([
      { entries: [{ id: "ana", status: "online", open: 0 }], recipients: ["ben"] },
    ]);
  });
});
