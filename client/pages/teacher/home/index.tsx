// Teacher home: the staff record the county holds, months of rural/weak-school service, the
// rotation notice once a plan is published, and the inbox (every notice, pushed or not).
import { Button, Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import type { RotationNotice, StaffProfile } from '@shared/api';
import type { Notice as InboxNotice } from '@shared/registration/types';
import { useState } from 'react';
import { ErrorBanner } from '../../../components/Banner';
import { SignOut } from '../../../components/SignOut';
import { TextSize } from '../../../components/TextSize';
import { countyApi, registrationApi, rotationApi } from '../../../services/api';
import { subscribeAsk } from '../../../services/subscribe';
import { Notice } from './Notice';
import { instantDateLabel } from '@shared/time';

const backboneLabels = { none: '否', county: '县级骨干', city: '市级骨干', province: '省级骨干' } as const;

export default function TeacherHome() {
  const [p, setP] = useState<StaffProfile | null>(null);
  const [mine, setMine] = useState<RotationNotice | null>(null);
  const [inbox, setInbox] = useState<readonly InboxNotice[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  const loadMine = () => {
    void rotationApi.mine().then((r) => (r.ok ? setMine(r.data) : setError(r.message)));
    void loadInbox(0);
  };
  // Every message can be reached: a page at a time.
  const loadInbox = async (offset: number) => {
    const r = await registrationApi.notices(offset);
    if (!r.ok) return setError(r.message);
    setInbox((prev) => (offset === 0 ? r.data.items : [...prev, ...r.data.items]));
    setNext(r.data.next);
  };
  useDidShow(() => {
    void countyApi.me().then((r) => (r.ok ? setP(r.data) : setError(r.message)));
    loadMine();
  });

  return (
    <View className="page">
      <Text className="title">我的交流轮岗</Text>
      <ErrorBanner message={error} />
      {p ? (
        <View>
          <View className="card" id="teacher-profile">
            <Text className="card-title">{p.teacher.name}</Text>
            <Text className="muted">
              {`${p.schoolName} · ${p.teacher.subject}\n职称：${p.teacher.title}　学历：${p.teacher.education}\n骨干教师：${backboneLabels[p.teacher.backbone]}\n在本校任教：${p.teacher.yearsAtSchool}年`}
            </Text>
          </View>
          {mine ? (
            <View className="card" id="rotation-standing">
              <Text className="card-title">{`${mine.year}年是否应参加交流：${mine.eligible ? '应参加' : '不参加'}`}</Text>
              {mine.reasons.map((r) => (
                <Text className="muted" key={r}>
                  {`· ${r}`}
                </Text>
              ))}
            </View>
          ) : null}
          {mine ? (
            <View className="card" id="rural-months">
              <Text className="card-title">{`乡村或薄弱学校任教经历：${mine.ruralMonths.total} 个月`}</Text>
              <Text className="muted">
                {`${mine.ruralMonths.thisRotation > 0 ? `其中本次交流已满 ${mine.ruralMonths.thisRotation} 个月。` : ''}申报高级教师须有${mine.seniorTitleMonths}个月以上乡村或薄弱学校任教经历${mine.ruralMonths.total >= mine.seniorTitleMonths ? '，您已满足。' : `，还差 ${mine.seniorTitleMonths - mine.ruralMonths.total} 个月。`}`}
              </Text>
            </View>
          ) : null}
          <View className="card">
            <Text className="card-title">交流轮岗通知</Text>
            {mine ? <Notice notice={mine} reload={loadMine} /> : null}
            {mine?.subscribeTemplateId ? (
              <Button
                className="btn"
                id="rotation-subscribe"
                onClick={() => void subscribeAsk(mine.subscribeTemplateId, rotationApi.subscribe)}
              >
                接收公示和正式通知的微信提醒
              </Button>
            ) : null}
          </View>
          <View className="card" id="teacher-inbox">
            <Text className="card-title">消息</Text>
            {inbox.length === 0 ? <Text className="muted">暂无消息。</Text> : null}
            {inbox.map((n) => (
              <View className="sub-card notice" key={n.id}>
                <Text className="label">{`${n.title}（${instantDateLabel(n.at)}）`}</Text>
                <Text className="muted">{n.body}</Text>
              </View>
            ))}
            {next !== null ? (
              <Button className="btn" id="inbox-more" onClick={() => void loadInbox(next)}>
                加载更多消息
              </Button>
            ) : null}
          </View>
        </View>
      ) : null}
      <TextSize />
      <SignOut />
    </View>
  );
}
