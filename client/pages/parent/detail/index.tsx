// One registration: the facts submitted and every status change with who, when and why.
import { Text, View } from '@tarojs/components';
import { useDidShow, useRouter } from '@tarojs/taro';
import type { RegistrationView } from '@shared/api';
import { useState } from 'react';
import { ErrorBanner } from '../../../components/Banner';
import { StatusTag } from '../../../components/StatusTag';
import { registrationApi } from '../../../services/api';

const fmt = (iso: string) => new Date(iso).toLocaleString('zh-CN', { hour12: false });

export default function RegistrationDetail() {
  const { params } = useRouter();
  const [r, setR] = useState<RegistrationView | null>(null);
  const [error, setError] = useState<string | null>(null);

  useDidShow(() => {
    void registrationApi
      .get(params['id'] ?? '')
      .then((res) => (res.ok ? setR(res.data) : setError(res.message)));
  });

  return (
    <View className="page">
      <ErrorBanner message={error} />
      {r ? (
        <View>
          <View className="card">
            <View className="row">
              <Text className="card-title">{r.childName}</Text>
              <StatusTag status={r.status} label={r.statusLabel} />
            </View>
            <Text className="muted">
              {`${r.year}年 ${r.stageLabel}\n学校：${r.schoolName}\n身份证号：${r.idNumberMasked}\n出生日期：${r.birthDate}　性别：${r.gender === 'M' ? '男' : '女'}`}
            </Text>
          </View>
          <View className="card">
            <Text className="card-title">办理进度</Text>
            {[...r.history].reverse().map((h, i) => (
              <View className="timeline-item" key={`${h.at}-${i}`}>
                <Text>{h.label}</Text>
                <Text className="muted">{`\n${fmt(h.at)} · ${h.by}`}</Text>
                {h.reason ? <Text className="muted">{`\n${h.reason}`}</Text> : null}
              </View>
            ))}
          </View>
        </View>
      ) : null}
    </View>
  );
}
