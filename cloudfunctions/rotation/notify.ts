/**
 * Tells teachers about their rotation: always in the in-app inbox (the record, and the fallback),
 * and as a WeChat subscribe message when the deployment has a rotation template and the teacher
 * has an accepted message left (each tap on 允许 allows exactly one).
 */
import { randomUUID } from 'node:crypto';
import type { TeacherId } from '../../shared/brand';
import { cstDateOf } from '../../shared/time';
import type { FnContext } from '../../server/runtime/context';

/** WeChat limits a template's `thing` fields to 20 characters. */
const clip = (s: string, n = 20) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

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
      if (template && (await ctx.store.subscriptionConsume(b.openid, template))) {
        pushed = await ctx.messenger.send({
          openid: b.openid,
          templateId: template,
          page: 'pages/teacher/home/index',
          data: {
            thing1: { value: clip(n.title) },
            name2: { value: clip(n.name, 10) },
            time3: { value: cstDateOf(ctx.now) },
            thing4: { value: clip(n.body) },
          },
        });
      }
      if (pushed) pushedCount++;
      await ctx.store.appendNotice({
        id: randomUUID(),
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
