// The teacher's rotation notice: where, in which form, from when to when, the report date and why
// they were chosen; acknowledge it, object during the 公示 (once), and confirm 报到 when final.
import { Button, Text, Textarea, View } from '@tarojs/components';
import { inputA11y } from '../../../components/a11y';
import type { RotationNotice } from '@shared/api';
import { useState } from 'react';
import { ErrorBanner } from '../../../components/Banner';
import { rotationApi } from '../../../services/api';
import { subscribeAsk } from '../../../services/subscribe';
import { dateTextLabel } from '@shared/time';

export function Notice({ notice, reload }: { notice: RotationNotice; reload: () => void }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const m = notice.move;
  const act = async (p: Promise<{ ok: true } | { ok: false; message: string }>) => {
    // Each tap may ask WeChat for one more message (公示 answer, final notice); H5 skips it.
    await subscribeAsk(notice.subscribeTemplateId, rotationApi.subscribe);
    const r = await p;
    if (r.ok) {
      setError(null);
      reload();
    } else setError(r.message);
  };
  if (!notice.published)
    return (
      <Text className="muted">
        本年度交流轮岗方案尚未公示。公示后，您的去向、形式、起止时间和入选理由会显示在这里。
      </Text>
    );
  return (
    <View id="rotation-notice">
      <ErrorBanner message={error} />
      {m ? (
        <Text className="muted">
          {`去向：${m.toName}（由${m.fromName}）\n形式：${m.form}（人事关系${m.personnelMoves ? '随迁' : '不变'}）\n时间：${m.startMonth} 至 ${m.endMonth}\n报到日期：${notice.reportDate ? dateTextLabel(notice.reportDate) : notice.reportDate}\n联系人：${notice.contact ?? '教育局人事股'}\n入选理由：${m.reasons.join('；')}`}
        </Text>
      ) : (
        <Text className="muted">本年度方案中没有您的交流安排。</Text>
      )}
      {notice.publicity ? (
        <Text
          className="muted line"
          id="notice-publicity"
        >{`公示期：${dateTextLabel(notice.publicity.from)} 至 ${dateTextLabel(notice.publicity.to)}（${notice.status === 'final' ? '已正式发布' : '公示中'}）`}</Text>
      ) : null}
      {notice.objection ? (
        <Text className="banner-info" id="objection-status">
          {notice.objection.answer
            ? `您的异议已答复：${notice.objection.answer.upheld ? '异议成立' : '维持原方案'}。${notice.objection.answer.text}`
            : `您的异议已提交，等待教育局答复：${notice.objection.text}`}
        </Text>
      ) : null}
      {m && !notice.acknowledgedAt ? (
        <Button
          className="btn btn-primary"
          id="rotation-ack"
          onClick={() => void act(rotationApi.acknowledge())}
        >
          确认已收到通知
        </Button>
      ) : null}
      {m && notice.acknowledgedAt ? <Text className="field-ok">已确认收到通知</Text> : null}
      {m && notice.canObject ? (
        <View className="sub-card">
          <Text className="label">对公示有异议？（公示期内可提出一次）</Text>
          <Textarea
            {...inputA11y('异议内容')}
            className="input"
            id="objection-text"
            value={text}
            maxlength={500}
            onInput={(e) => setText(e.detail.value)}
          />
          <Button className="btn" id="objection-send" onClick={() => void act(rotationApi.object(text))}>
            提交异议
          </Button>
        </View>
      ) : null}
      {m && notice.status === 'final' && !notice.reportedAt ? (
        <Button
          className="btn btn-primary"
          id="rotation-report"
          onClick={() => void act(rotationApi.report())}
        >
          确认已到新学校报到
        </Button>
      ) : null}
      {notice.reportedAt ? <Text className="field-ok">已报到</Text> : null}
    </View>
  );
}
