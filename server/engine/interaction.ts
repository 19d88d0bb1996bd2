// Comments, likes, follows, shares and gifts, plus the barrage ticker's recent lines.
import { RECENT_COMMENTS_MAX } from '../../shared/constants.ts';
import type { EventOf } from '../../shared/events.ts';
import type { CommentLine } from '../../shared/state.ts';
import type { MinuteBuckets } from './minute-buckets.ts';
import { type PeopleCheckpoint, PeopleCounter } from './products.ts';
import { RecentActors } from './recent-actors.ts';
import { type DistinctCheckpoint, DistinctCounter } from './sketch/distinct-counter.ts';

/** Complaints a 场控 must hear about at once (DOMAIN.md): stutter, sound, refunds, fakes, support, shipping. */
const NEGATIVE = /卡了|卡顿|没声音|退款|假货|客服|不发货|骗子|垃圾/;

export class InteractionTracker {
  comments = 0;
  readonly commentUsers = new PeopleCounter();
  /** Who commented in the last minute: the interaction-drop rule counts voices, not lines. */
  readonly recentCommenters = new RecentActors();
  likes = 0;
  /** 新增粉丝: a viewer who follows twice is one new follower. */
  readonly followers = new DistinctCounter();
  shares = 0;
  giftValue = 0;
  /** Ring of the latest comments; `next` is where the following one goes. */
  private readonly recent: (CommentLine | undefined)[] = new Array(RECENT_COMMENTS_MAX);
  private next = 0;

  constructor(private readonly minutes: MinuteBuckets) {}

  comment(e: EventOf<'comment'>): void {
    this.comments++;
    if (NEGATIVE.test(e.text)) this.minutes.add(e.ts, 'negative');
    this.commentUsers.add(e.userId);
    this.recentCommenters.add(e.ts, e.userId);
    this.minutes.add(e.ts, 'comments');
    const line: CommentLine = { ts: e.ts, userId: e.userId ?? null, text: e.text };
    if (e.nickname) line.nickname = e.nickname;
    this.recent[this.next] = line;
    this.next = (this.next + 1) % RECENT_COMMENTS_MAX;
  }

  like(e: EventOf<'like'>): void {
    this.likes += e.count;
    this.minutes.add(e.ts, 'likes', e.count);
  }

  follow(e: EventOf<'follow'>): void {
    this.followers.add(e.userId);
  }

  share(): void {
    this.shares++;
  }

  gift(e: EventOf<'gift'>): void {
    this.giftValue += e.value;
  }

  checkpoint(): InteractionCheckpoint {
    return {
      counts: [this.comments, this.likes, this.shares, this.giftValue],
      commentUsers: this.commentUsers.checkpoint(),
      recentCommenters: this.recentCommenters.checkpoint(),
      followers: this.followers.checkpoint(),
      recent: this.recent.map((l) => l ?? null),
      next: this.next,
    };
  }

  restore(s: InteractionCheckpoint): void {
    [this.comments, this.likes, this.shares, this.giftValue] = s.counts;
    this.commentUsers.restore(s.commentUsers);
    this.recentCommenters.restore(s.recentCommenters);
    this.followers.restore(s.followers);
    s.recent.forEach((l, i) => {
      this.recent[i] = l ?? undefined;
    });
    this.next = s.next;
  }

  /** Newest first. */
  recentComments(): CommentLine[] {
    const out: CommentLine[] = [];
    for (let i = 1; i <= RECENT_COMMENTS_MAX; i++) {
      const line = this.recent[(this.next - i + RECENT_COMMENTS_MAX) % RECENT_COMMENTS_MAX];
      if (line) out.push(line);
    }
    return out;
  }
}

export interface InteractionCheckpoint {
  counts: [number, number, number, number];
  commentUsers: PeopleCheckpoint;
  recentCommenters: ReturnType<RecentActors['checkpoint']>;
  followers: DistinctCheckpoint;
  recent: (CommentLine | null)[];
  next: number;
}
