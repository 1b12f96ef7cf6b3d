// 交流轮岗 for a principal: the school's teachers with who is due this year and why; the school's
// nominations (个人申请 + 学校推荐) with reasons; the in-school 公示 of the list (only a list that
// has been through it goes to the bureau's plan; any change asks for it again); and, once the
// bureau publishes, the teachers leaving and arriving.
import { Button, Input, Text, View } from '@tarojs/components';
import { inputA11y } from '../../../components/a11y';
import { useDidShow } from '@tarojs/taro';
import type { RotationSchoolView } from '@shared/api';
import { useState } from 'react';
import { ErrorBanner, InfoBanner } from '../../../components/Banner';
import { LoadFailed } from '../../../components/LoadFailed';
import { Chips } from '../../../components/Chips';
import { rotationApi } from '../../../services/api';
import { dateTextLabel } from '@shared/time';

type Kind = 'self' | 'school';
type Result = { ok: true; data: RotationSchoolView } | { ok: false; message: string };
type MoveList = RotationSchoolView['outgoing'];

function Moves({
  id,
  title,
  moves,
  other,
}: {
  id: string;
  title: string;
  moves: MoveList;
  other: 'from' | 'to';
}) {
  return (
    <View className="card" id={id}>
      <Text className="card-title">{`${title}（${moves.length} 人）`}</Text>
      {moves.map((m) => (
        <Text className="muted line" key={m.teacherId}>
          {`${m.name}：${other === 'to' ? `到${m.toName}` : `来自${m.fromName}`}，${m.startMonth} 至 ${m.endMonth}${m.backbone ? '（骨干）' : ''}`}
        </Text>
      ))}
    </View>
  );
}

export default function PrincipalRotation() {
  const [v, setV] = useState<RotationSchoolView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const [pick, setPick] = useState<string | null>(null);
  const [kind, setKind] = useState<Kind>('self');
  const [note, setNote] = useState('');
  const [pub, setPub] = useState({ note: '', from: '', to: '' });

  const act = async (p: Promise<Result>, done: string) => {
    const r = await p;
    if (!r.ok) return setError(r.message);
    setV(r.data);
    setError(null);
    setInfo(done);
  };
  useDidShow(() => void act(rotationApi.school(), ''));

  if (!v) return <LoadFailed message={error} />;
  const nominated = v.teachers.filter((t) => t.nomination);
  const due = v.teachers.filter((t) => t.eligible && !t.nomination);
  return (
    <View className="page">
      <Text className="title">交流轮岗推荐</Text>
      <Text className="subtitle">{`${v.year}年 · 个人申请与学校推荐，经校内公示后报教育局`}</Text>
      <ErrorBanner message={error} />
      <InfoBanner message={info || null} />
      {v.status ? (
        <View>
          <Moves id="rotation-outgoing" title="本校交流出去的教师" moves={v.outgoing} other="to" />
          <Moves id="rotation-incoming" title="交流到本校的教师" moves={v.incoming} other="from" />
        </View>
      ) : null}
      <View className="card" id="nominations">
        <Text className="card-title">{`推荐名单（${nominated.length} 人）`}</Text>
        {nominated.length === 0 ? <Text className="muted">尚未推荐。</Text> : null}
        {nominated.map((t) => (
          <View className="sub-card" key={t.teacherId} id={`nominee-${t.teacherId}`}>
            <Text className="label">{`${t.name}（${t.subject}${t.backbone ? '，骨干' : ''}）：${t.nomination?.kind === 'self' ? '个人申请' : '学校推荐'}`}</Text>
            <Text className="muted line">{t.nomination?.note}</Text>
            {v.locked ? null : (
              <Button
                size="mini"
                className="btn"
                onClick={() =>
                  void act(rotationApi.unnominate(t.teacherId), `已将${t.name}移出推荐名单，请重新校内公示。`)
                }
              >
                移出名单
              </Button>
            )}
          </View>
        ))}
        <Text className={v.publicity ? 'field-ok' : 'field-error'} id="school-publicity-status">
          {v.publicity
            ? `已校内公示：${dateTextLabel(v.publicity.from)} 至 ${dateTextLabel(v.publicity.to)}，${v.publicity.note}。名单已报教育局。`
            : '名单尚未校内公示，公示后才报教育局、纳入交流方案。'}
        </Text>
        {!v.locked && nominated.length > 0 && !v.publicity ? (
          <View className="sub-card">
            <Text className="label">登记校内公示</Text>
            <Input
              {...inputA11y('公示地点和方式')}
              className="input"
              id="publicity-note"
              placeholder="公示地点和方式，如：校务公开栏"
              value={pub.note}
              onInput={(e) => setPub({ ...pub, note: e.detail.value })}
            />
            <Input
              {...inputA11y('公示开始日期')}
              className="input"
              id="publicity-from"
              placeholder="开始日期 YYYY-MM-DD"
              value={pub.from}
              onInput={(e) => setPub({ ...pub, from: e.detail.value })}
            />
            <Input
              {...inputA11y('公示结束日期')}
              className="input"
              id="publicity-to"
              placeholder="结束日期 YYYY-MM-DD"
              value={pub.to}
              onInput={(e) => setPub({ ...pub, to: e.detail.value })}
            />
            <Button
              className="btn btn-primary"
              id="publicity-save"
              onClick={() =>
                void act(
                  rotationApi.schoolPublicity(pub.note, pub.from, pub.to),
                  '已登记校内公示，名单已报教育局。',
                )
              }
            >
              登记公示并上报
            </Button>
          </View>
        ) : null}
        {v.locked ? <Text className="muted line">教育局已公示本年度方案，名单不能再修改。</Text> : null}
      </View>
      <View className="card" id="rotation-due">
        <Text className="card-title">{`本年度应交流的教师（${due.length} 人）`}</Text>
        {due.map((t) => (
          <View className="sub-card" key={t.teacherId} id={`due-${t.teacherId}`}>
            <Text className="label">{`${t.name}（${t.subject}${t.backbone ? '，骨干' : ''}）`}</Text>
            <Text className="muted line">{t.reasons.join('；')}</Text>
            {v.locked ? null : (
              <Button
                size="mini"
                className="btn nominate-open"
                onClick={() => setPick(pick === t.teacherId ? null : t.teacherId)}
              >
                推荐
              </Button>
            )}
            {pick === t.teacherId ? (
              <View>
                <Chips<Kind>
                  id={`kind-${t.teacherId}`}
                  options={[
                    { value: 'self', label: '个人申请' },
                    { value: 'school', label: '学校推荐' },
                  ]}
                  value={kind}
                  onChange={setKind}
                />
                <Input
                  {...inputA11y(`${t.name}：申请或推荐理由`)}
                  className="input nominate-note"
                  placeholder="申请或推荐理由"
                  value={note}
                  onInput={(e) => setNote(e.detail.value)}
                />
                <Button
                  className="btn btn-primary nominate-save"
                  onClick={() => {
                    setPick(null);
                    setNote('');
                    void act(rotationApi.nominate(t.teacherId, kind, note), `已将${t.name}列入推荐名单。`);
                  }}
                >
                  列入推荐名单
                </Button>
              </View>
            ) : null}
          </View>
        ))}
      </View>
    </View>
  );
}
