/**
 * Tells teachers about their rotation: always in the in-app inbox (the record, and the fallback),
 * and as a WeChat subscribe message when the deployment has a rotation template and the teacher
 * has an accepted message left (each tap on 允许 allows exactly one).
 */
import type { TeacherId } from '../../shared/brand';
import { nameValue, thingValue, timeValue } from '../../shared/subscribeFields';
import type { FnContext } from '../../server/runtime/context';
import { noticeIdNew } from '../../server/runtime/ids';

export interface TeacherNotice {
  readonly teacherId: string;
  readonly name: string;
  readonly title: string;
  readonly body: string;
}

/** Sends each notice to every account bound to its teacher; returns how many were pushed. */
export async function teachersNotify(ctx: FnContext, notices: readonly TeacherNotice[]): Promise<number> {
  if (notices.length === 0) return 0;
  const bindings = await ctx.store.listTeacherBindings(notices.map((n) => n.teacherId as TeacherId));
  const template = ctx.config.rotationTemplateId;
  let pushedCount = 0;
  for (const n of notices) {
    for (const b of bindings.filter((x) => x.teacherId === n.teacherId)) {
      let pushed = false;
      // The teacher's allowance is used only once WeChat took the message.
      if (template && (await ctx.store.subscriptionQuota(b.openid, template)) > 0) {
        pushed = await ctx.messenger.send({
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
        if (pushed) await ctx.store.subscriptionConsume(b.openid, template);
      }
      if (pushed) pushedCount++;
      await ctx.store.appendNotice({
        id: noticeIdNew(ctx.now),
        ownerOpenid: b.openid,
        at: ctx.now.toISOString(),
        title: n.title,
        body: n.body,
        registrationId: null,
        pushed,
      });
    }
  }
  return pushedCount;
}
