// The school's review queue: filter by status, approve, or refuse with a reason the parent sees.
import { Button, Input, Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import type { RegistrationView } from '@shared/api';
import type { RegistrationStatus } from '@shared/registration/status';
import { useState } from 'react';
import { ErrorBanner, InfoBanner } from '../../../components/Banner';
import { SignOut } from '../../../components/SignOut';
import { StatusTag } from '../../../components/StatusTag';
import { registrationApi } from '../../../services/api';

const filters: { status: RegistrationStatus | null; label: string }[] = [
  { status: 'pending_review', label: '待审核' },
  { status: 'approved', label: '审核通过' },
  { status: 'rejected', label: '未通过' },
  { status: null, label: '全部' },
];

export default function Queue() {
  const [filter, setFilter] = useState<RegistrationStatus | null>('pending_review');
  const [schoolName, setSchoolName] = useState('');
  const [items, setItems] = useState<readonly RegistrationView[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState<string | null>(null);
  const [reason, setReason] = useState('');

  const load = async (status: RegistrationStatus | null, offset: number) => {
    const r = await registrationApi.queue(status, offset);
    if (!r.ok) {
      setError(r.message);
      return;
    }
    setError(null);
    setSchoolName(r.data.schoolName);
    setItems((prev) => (offset === 0 ? r.data.items : [...prev, ...r.data.items]));
    setNext(r.data.next);
  };

  useDidShow(() => {
    void load(filter, 0);
  });

  const review = async (r: RegistrationView, decision: 'approve' | 'reject') => {
    const res = await registrationApi.review({
      id: r.id,
      version: r.version,
      decision,
      reason: decision === 'reject' ? reason : '',
    });
    if (!res.ok) {
      setError(res.message);
      return;
    }
    setInfo(`${r.childName}：${res.data.statusLabel}`);
    setRejecting(null);
    setReason('');
    await load(filter, 0);
  };

  return (
    <View className="page">
      <Text className="title">报名审核</Text>
      <Text className="subtitle">{schoolName}</Text>
      <ErrorBanner message={error} />
      <InfoBanner message={info} />
      <View className="chips">
        {filters.map((f) => (
          <Text
            key={f.label}
            className={`chip ${filter === f.status ? 'chip-on' : ''}`}
            onClick={() => {
              setFilter(f.status);
              void load(f.status, 0);
            }}
          >
            {f.label}
          </Text>
        ))}
      </View>
      <View style={{ height: '24px' }} />
      {items.length === 0 ? <Text className="muted">没有符合条件的报名。</Text> : null}
      {items.map((r) => (
        <View key={r.id} className="card queue-item" id={`queue-${r.id}`}>
          <View className="row">
            <Text className="card-title">{r.childName}</Text>
            <StatusTag status={r.status} label={r.statusLabel} />
          </View>
          <Text className="muted">
            {`${r.stageLabel} · 身份证 ${r.idNumberMasked}\n出生 ${r.birthDate} · ${r.gender === 'M' ? '男' : '女'} · 提交于 ${new Date(r.createdAt).toLocaleDateString('zh-CN')}`}
          </Text>
          {r.reason && r.status === 'rejected' ? (
            <Text className="muted">{`\n原因：${r.reason}`}</Text>
          ) : null}
          {r.status === 'pending_review' ? (
            <View>
              {rejecting === r.id ? (
                <View>
                  <Text className="label">不通过原因（家长可见）</Text>
                  <Input
                    className="input"
                    value={reason}
                    maxlength={200}
                    onInput={(e) => setReason(e.detail.value)}
                  />
                  <Button className="btn btn-danger" onClick={() => void review(r, 'reject')}>
                    确认不通过
                  </Button>
                </View>
              ) : (
                <View className="row">
                  <Button
                    className="btn btn-primary approve"
                    size="mini"
                    onClick={() => void review(r, 'approve')}
                  >
                    审核通过
                  </Button>
                  <Button className="btn btn-danger" size="mini" onClick={() => setRejecting(r.id)}>
                    不通过
                  </Button>
                </View>
              )}
            </View>
          ) : null}
        </View>
      ))}
      {next !== null ? (
        <Button className="btn" onClick={() => void load(filter, next)}>
          加载更多
        </Button>
      ) : null}
      <SignOut />
    </View>
  );
}
