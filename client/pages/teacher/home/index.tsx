// Teacher home: the staff record the county holds, and (once a plan is published) the notice.
import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import type { RotationNotice, StaffProfile } from '@shared/api';
import { useState } from 'react';
import { ErrorBanner } from '../../../components/Banner';
import { SignOut } from '../../../components/SignOut';
import { countyApi, rotationApi } from '../../../services/api';
import { Notice } from './Notice';

const backboneLabels = { none: '否', county: '县级骨干', city: '市级骨干', province: '省级骨干' } as const;

export default function TeacherHome() {
  const [p, setP] = useState<StaffProfile | null>(null);
  const [mine, setMine] = useState<RotationNotice | null>(null);
  const [error, setError] = useState<string | null>(null);

  const loadMine = () => void rotationApi.mine().then((r) => (r.ok ? setMine(r.data) : setError(r.message)));
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
          <View className="card">
            <Text className="card-title">交流轮岗通知</Text>
            {mine ? <Notice notice={mine} reload={loadMine} /> : null}
          </View>
        </View>
      ) : null}
      <SignOut />
    </View>
  );
}
