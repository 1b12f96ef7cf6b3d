/**
 * Tells teachers about their rotation: always in the in-app inbox (the record, and the fallback),
 * and as a WeChat subscribe message when the deployment has a rotation template and the teacher
 * has an accepted message left (each tap on 允许 allows exactly one).
 */
import type { TeacherId } from '../../shared/brand';
import { nameValue, thingValue, timeValue } from '../../shared/subscribeFields';
import type { FnContext } from '../../server/runtime/context';
import { noticeIdNew } from '../../server/runtime/ids';
import { inParallel, PARALLEL_CALLS } from '../../server/runtime/parallel';

export interface TeacherNotice {
  readonly teacherId: string;
  readonly name: string;
  readonly title: string;
  readonly body: string;
}

/**
 * Sends each notice to every account bound to its teacher; returns how many were pushed. The
 * accounts, their accepted messages and the inbox notices are read and written together, and the
 * messages go out side by side: a county's moved teachers in a few calls, not a few each.
 */
export async function teachersNotify(ctx: FnContext, notices: readonly TeacherNotice[]): Promise<number> {
  if (notices.length === 0) return 0;
  const bindings = await ctx.store.listTeacherBindings(notices.map((n) => n.teacherId as TeacherId));
  const template = ctx.config.rotationTemplateId;
  const sends = notices.flatMap((n) =>
    bindings.filter((b) => b.teacherId === n.teacherId).map((b) => ({ n, b })),
  );
  const quotas = template
    ? await ctx.store.subscriptionQuotas(
        sends.map((x) => x.b.openid),
        template,
      )
    : sends.map(() => 0);
  const left = new Map(sends.map((x, i) => [x.b.openid as string, quotas[i] ?? 0]));
  const pushed = await inParallel(sends, PARALLEL_CALLS, async ({ n, b }) => {
    if (!template || (left.get(b.openid) ?? 0) <= 0) return false;
    left.set(b.openid, (left.get(b.openid) ?? 0) - 1);
    // The teacher's allowance is used only once WeChat took the message.
    const sent = await ctx.messenger.send({
      openid: b.openid,
      templateId: template,
      page: 'pages/teacher/home/index',
      data: {
        thing1: { value: thingValue(n.title) },
        name2: { value: nameValue(n.name) },
        time3: { value: timeValue(ctx.now) },
        thing4: { value: thingValue(n.body) },
      },
    });
    if (sent) await ctx.store.subscriptionConsume(b.openid, template);
    return sent;
  });
  await ctx.store.appendNotices(
    sends.map(({ n, b }, i) => ({
      id: noticeIdNew(ctx.now),
      ownerOpenid: b.openid,
      at: ctx.now.toISOString(),
      title: n.title,
      body: n.body,
      registrationId: null,
      pushed: pushed[i] === true,
    })),
  );
  return pushed.filter(Boolean).length;
}
