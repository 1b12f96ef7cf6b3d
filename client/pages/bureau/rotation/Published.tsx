// The published plan during its 公示 and after: the 公示 dates, any rules published as broken with
// the bureau's reason, every objection with the teacher's name (answered once; an upheld one takes
// the teacher off the plan), the moves as published, the seven indicators 当前 and 轮岗后, and the
// final notice once the 公示 has ended.
import { Button, Input, Text, View } from '@tarojs/components';
import { inputA11y } from '../../../components/a11y';
import type { RotationRecordView } from '@shared/api';
import { indicatorKeys, indicatorLabels } from '@shared/rotation/indicators';
import { indicatorBasisLabels, indicatorBasisNotes } from '@shared/rotation/service';
import { useState } from 'react';
import { ErrorBanner, InfoBanner } from '../../../components/Banner';
import { DataTable } from '../../../components/DataTable';
import { rotationApi } from '../../../services/api';
import { instantDateLabel, dateTextLabel } from '@shared/time';

type Result = { ok: true } | { ok: false; code: string; message: string };
const stageNames = { primary: '小学', junior: '初中' } as const;
const { current: NOW, afterRotation: AFTER } = indicatorBasisLabels;

export function Published({ rec, reload }: { rec: RotationRecordView; reload: () => Promise<void> }) {
  const [replies, setReplies] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  // An upheld objection that would make the plan break a rule: the rules, shown under its buttons
  // until the officer acknowledges them.
  const [breaks, setBreaks] = useState<Record<string, string>>({});

  const act = async (p: Promise<Result>, done: string) => {
    setError(null);
    setInfo(null);
    const r = await p;
    if (!r.ok) return setError(r.message);
    setInfo(done);
    await reload();
  };
  const uphold = async (teacherId: string, acknowledged: boolean) => {
    setError(null);
    setInfo(null);
    const r = await rotationApi.answer(teacherId, true, replies[teacherId] ?? '', acknowledged);
    if (!r.ok && r.code === 'RULE_BROKEN') return setBreaks((b) => ({ ...b, [teacherId]: r.message }));
    setBreaks((b) => ({ ...b, [teacherId]: '' }));
    if (!r.ok) return setError(r.message);
    setInfo('已答复。');
    await reload();
  };
  const open = rec.objections.filter((o) => !o.answer).length;
  const after = rec.indicators.afterRotation ?? [];

  return (
    <View>
      <ErrorBanner message={error} />
      <InfoBanner message={info} />
      <View className="desk-grid">
        <View className="card" id="rotation-publicity">
          <Text className="card-title">{rec.status === 'final' ? '已正式发布' : '公示中'}</Text>
          <Text className="muted line" id="rotation-status">
            {`${rec.status === 'final' ? '已正式发布' : '公示中'}：公示期 ${dateTextLabel(rec.publicity.from)} 至 ${dateTextLabel(rec.publicity.to)}；交流 ${rec.moves.length} 人，已确认通知 ${Object.keys(rec.acknowledged).length} 人，已报到 ${Object.keys(rec.reported).length} 人；异议 ${rec.objections.length} 条（待答复 ${open} 条）`}
          </Text>
          {rec.override ? (
            <View id="rotation-override">
              <Text className="field-error line">{`本方案带 ${rec.override.issues.length} 项不符合规定的问题公示：`}</Text>
              {rec.override.issues.map((x) => (
                <Text className="field-error line" key={`${x.code}|${x.subject}`}>{`· ${x.text}`}</Text>
              ))}
              <Text className="muted line">{`教育局的说明：${rec.override.reason}（${instantDateLabel(rec.override.at)}）`}</Text>
            </View>
          ) : (
            <Text className="field-ok line">公示的方案符合全部规定。</Text>
          )}
          {rec.status === 'publicized' ? (
            <Button
              className="btn"
              id="rotation-finalise"
              onClick={() => void act(rotationApi.finalise(), '已正式发布，已通知交流教师。')}
            >
              公示结束，正式发布
            </Button>
          ) : null}
        </View>
        <View className="card" id="rotation-objections">
          <Text className="card-title">{`异议（${rec.objections.length} 条）`}</Text>
          {rec.objections.length === 0 ? (
            <Text className="muted">{`尚无异议。教师只能在公示期（${dateTextLabel(rec.publicity.from)} 至 ${dateTextLabel(rec.publicity.to)}）内提出。`}</Text>
          ) : null}
          {rec.objections.map((o) => (
            <View className="sub-card objection" key={o.teacherId} id={`objection-${o.teacherId}`}>
              <Text className="label">{`异议：${o.name}（${instantDateLabel(o.at)}）`}</Text>
              <Text className="muted">{o.text}</Text>
              {o.answer ? (
                <View>
                  <Text className="banner-info">{`${o.answer.upheld ? '异议成立，已调出方案' : '维持原方案'}：${o.answer.text}`}</Text>
                  {(o.answer.addedIssues ?? []).map((x) => (
                    <Text
                      className="field-error line"
                      key={`${x.code}|${x.subject}`}
                    >{`调出后新增的问题（已确认）：${x.text}`}</Text>
                  ))}
                </View>
              ) : (
                <View>
                  <Text className="label">{`答复${o.name}（教师会看到）`}</Text>
                  <Input
                    {...inputA11y(`答复${o.name}`)}
                    className="input objection-reply"
                    placeholder="答复内容"
                    value={replies[o.teacherId] ?? ''}
                    onInput={(e) => setReplies((r) => ({ ...r, [o.teacherId]: e.detail.value }))}
                  />
                  <View className="row">
                    <Button
                      size="mini"
                      className="btn objection-dismiss"
                      onClick={() =>
                        void act(
                          rotationApi.answer(o.teacherId, false, replies[o.teacherId] ?? ''),
                          '已答复。',
                        )
                      }
                    >
                      维持原方案
                    </Button>
                    <Button
                      size="mini"
                      className="btn btn-primary objection-uphold"
                      onClick={() => void uphold(o.teacherId, false)}
                    >
                      异议成立
                    </Button>
                  </View>
                  {breaks[o.teacherId] ? (
                    <View className="objection-breaks">
                      <Text className="field-error line">{breaks[o.teacherId]}</Text>
                      <Button
                        size="mini"
                        className="btn btn-danger objection-acknowledge"
                        onClick={() => void uphold(o.teacherId, true)}
                      >
                        已知悉这些问题，仍认定异议成立
                      </Button>
                    </View>
                  ) : null}
                </View>
              )}
            </View>
          ))}
        </View>
        <View className="card desk-wide" id="rotation-published-moves">
          <Text className="card-title">{`公示的交流方案（${rec.moves.length} 人，种子 ${rec.seed}）`}</Text>
          <DataTable
            id="rotation-published-table"
            caption="公示的交流方案"
            columns={[
              {
                key: 'name',
                title: '教师',
                render: (m) => `${m.name}${m.backbone ? '（骨干）' : ''}`,
                sort: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
              },
              {
                key: 'from',
                nowrap: true,
                title: '原学校',
                render: (m) => m.fromName,
                sort: (a, b) => a.fromName.localeCompare(b.fromName, 'zh-CN'),
              },
              {
                key: 'to',
                nowrap: true,
                title: '接收学校',
                render: (m) => m.toName,
                sort: (a, b) => a.toName.localeCompare(b.toName, 'zh-CN'),
              },
              {
                key: 'when',
                nowrap: true,
                title: '起止',
                render: (m) => `${m.startMonth} 至 ${m.endMonth}`,
                deskOnly: true,
              },
              {
                key: 'state',
                title: '确认与报到',
                nowrap: true,
                render: (m) =>
                  `${rec.acknowledged[m.teacherId] ? '已确认' : '未确认'}，${rec.reported[m.teacherId] ? '已报到' : '未报到'}`,
              },
              { key: 'why', title: '入选理由', render: (m) => m.reasons.join('；'), deskOnly: true },
            ]}
            rows={rec.moves}
            rowKey={(m) => m.teacherId}
            rowId={(m) => `published-${m.teacherId}`}
            card={(m) => (
              <View>
                <Text className="label">{`${m.name}：${m.fromName} → ${m.toName}${m.backbone ? '（骨干）' : ''}`}</Text>
                <Text className="muted line">{`${m.startMonth} 至 ${m.endMonth} · ${rec.acknowledged[m.teacherId] ? '已确认' : '未确认'}，${rec.reported[m.teacherId] ? '已报到' : '未报到'}`}</Text>
              </View>
            )}
          />
        </View>
        <View className="card desk-wide" id="rotation-published-cv">
          <Text className="card-title">{`七项指标差异系数（${NOW} → ${AFTER}）`}</Text>
          <Text className="muted line">{`${indicatorBasisNotes.current}；${indicatorBasisNotes.afterRotation}。与督导看板相同。`}</Text>
          {rec.indicators.current.map((t) => {
            const a = after.find((x) => x.stage === t.stage);
            return (
              <DataTable
                key={t.stage}
                id={`rotation-published-cv-${t.stage}`}
                caption={`${stageNames[t.stage]}七项指标差异系数`}
                columns={[
                  { key: 'k', title: `${stageNames[t.stage]}指标`, render: (k) => indicatorLabels[k] },
                  { key: 'now', title: NOW, numeric: true, render: (k) => t.cv[k].toFixed(3) },
                  {
                    key: 'after',
                    title: AFTER,
                    numeric: true,
                    render: (k) => (a ? a.cv[k].toFixed(3) : '—'),
                  },
                  {
                    key: 'ok',
                    title: `限值 ${t.cvLimit}`,
                    render: (k) => {
                      const v = a ? a.cv[k] : t.cv[k];
                      return (
                        <Text className={v <= t.cvLimit ? 'field-ok' : 'field-error'}>
                          {v <= t.cvLimit ? '达标' : '超限'}
                        </Text>
                      );
                    },
                  },
                ]}
                rows={[...indicatorKeys]}
                rowKey={(k) => k}
              />
            );
          })}
        </View>
      </View>
    </View>
  );
}
