// Barrage, likes, follows, shares and gifts, each at a rate per online viewer, so a 50-viewer room murmurs and
// a 50,000-viewer room sees thousands of lines a minute (DOMAIN.md). Now and then one viewer floods the
// barrage with one phrase: hot words must not take that for a trend.
import type { EventOf } from '../../../shared/events.ts';
import type { Viewer } from './audience.ts';
import { barrageLine, drawGift, SPAM_LINES } from './content.ts';
import { actor, instant, type SimContext } from './context.ts';

const COMMENTS_PER_VIEWER_MIN = 0.12;
/** Platforms batch taps into like messages with a count, so messages are rarer than taps. */
const LIKE_MESSAGES_PER_VIEWER_MIN = 0.3;
const MAX_LIKES_PER_MESSAGE = 30;
const FOLLOWS_PER_VIEWER_MIN = 0.04;
const SHARES_PER_VIEWER_MIN = 0.01;
const GIFTS_PER_VIEWER_MIN = 0.01;
/** One flood every ~15 minutes, 20–50 lines at 1–3 a second. */
const SPAM_START_PER_S = 1 / 900;

export class Engagement {
  private spamLeft = 0;
  private spammer: Viewer | null = null;
  private spamText = '';

  constructor(private readonly ctx: SimContext) {}

  /** Everything viewers do in the second starting at `t`; `productName` is the product being explained. */
  second(t: number, productName: string | null): void {
    const { ctx } = this;
    const perSecond = ctx.audience.size / 60;
    for (let n = ctx.rng.poisson(perSecond * COMMENTS_PER_VIEWER_MIN); n > 0; n--) this.comment(t, productName);
    this.spam(t);
    for (let n = ctx.rng.poisson(perSecond * LIKE_MESSAGES_PER_VIEWER_MIN); n > 0; n--) this.like(t);
    for (let n = ctx.rng.poisson(perSecond * FOLLOWS_PER_VIEWER_MIN); n > 0; n--) this.follow(t);
    for (let n = ctx.rng.poisson(perSecond * SHARES_PER_VIEWER_MIN); n > 0; n--) this.share(t);
    for (let n = ctx.rng.poisson(perSecond * GIFTS_PER_VIEWER_MIN); n > 0; n--) this.gift(t);
  }

  private comment(t: number, productName: string | null): void {
    const v = actor(this.ctx, true);
    const e: EventOf<'comment'> = {
      type: 'comment',
      ts: instant(this.ctx, t, v),
      id: this.ctx.id(),
      text: barrageLine(this.ctx.rng, productName),
    };
    if (v) e.userId = v.id;
    this.ctx.emit(e);
  }

  private spam(t: number): void {
    const { ctx } = this;
    if (this.spamLeft === 0 && ctx.rng.chance(SPAM_START_PER_S)) {
      this.spammer = ctx.audience.pick(ctx.rng) ?? null;
      this.spamText = ctx.rng.pick(SPAM_LINES);
      this.spamLeft = this.spammer ? 20 + ctx.rng.int(31) : 0;
    }
    const who = this.spammer;
    if (this.spamLeft === 0 || !who) return;
    if (who.slot < 0) {
      this.spamLeft = 0; // a flooder who left stops flooding
      return;
    }
    for (let n = Math.min(this.spamLeft, 1 + ctx.rng.int(3)); n > 0; n--) {
      this.spamLeft--;
      ctx.emit({ type: 'comment', ts: instant(ctx, t, who), id: ctx.id(), userId: who.id, text: this.spamText });
    }
  }

  private like(t: number): void {
    const v = actor(this.ctx, true);
    const count = 1 + this.ctx.rng.int(MAX_LIKES_PER_MESSAGE);
    const e: EventOf<'like'> = { type: 'like', ts: instant(this.ctx, t, v), id: this.ctx.id(), count };
    if (v) e.userId = v.id;
    this.ctx.emit(e);
  }

  /** A viewer follows once: 转粉率 counts people, not clicks. */
  private follow(t: number): void {
    const v = actor(this.ctx, false);
    if (!v || v.followed) return;
    v.followed = true;
    this.ctx.emit({ type: 'follow', ts: instant(this.ctx, t, v), id: this.ctx.id(), userId: v.id });
  }

  private share(t: number): void {
    const v = actor(this.ctx, true);
    const e: EventOf<'share'> = { type: 'share', ts: instant(this.ctx, t, v), id: this.ctx.id() };
    if (v) e.userId = v.id;
    this.ctx.emit(e);
  }

  private gift(t: number): void {
    const v = actor(this.ctx, false);
    if (!v) return;
    const { name, value } = drawGift(this.ctx.rng);
    this.ctx.emit({ type: 'gift', ts: instant(this.ctx, t, v), id: this.ctx.id(), userId: v.id, name, value });
  }
}
