// One registration: status with the school's reason, the tier and why, documents, every change
// with who/when/why; withdraw until approval; fix and resubmit when material is asked for.
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import type { RegistrationView } from '@shared/api';
import { useState } from 'react';
import { ErrorBanner } from '../../../components/Banner';
import { StatusTag } from '../../../components/StatusTag';
import { Timeline } from '../../../components/Timeline';
import { registrationApi } from '../../../services/api';
import { Admission } from './Admission';

const withdrawable = new Set(['submitted', 'pending_review', 'first_approved', 'needs_more']);
const positive = new Set(['first_approved', 'approved', 'awaiting_placement', 'admitted', 'reported']);

export default function RegistrationDetail() {
  const { params } = useRouter();
  const id = params['id'] ?? '';
  const [r, setR] = useState<RegistrationView | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = () =>
    void registrationApi.get(id).then((res) => (res.ok ? setR(res.data) : setError(res.message)));
  useDidShow(load);

  const withdraw = async () => {
    if (!r) return;
    const c = await Taro.showModal({
      title: '撤回报名',
      content: '撤回后本次报名作废，如需入学须重新报名。确定撤回吗？',
      confirmText: '撤回',
    });
    if (!c.confirm) return;
    const res = await registrationApi.withdraw(r.id, r.version, '');
    if (res.ok) setR(res.data);
    else setError(res.message);
  };

  const open = async (slot: string) => {
    const res = await registrationApi.documentLink({ registrationId: id, draftId: null, slot });
    if (res.ok) await Taro.previewImage({ urls: [res.data.url], current: res.data.url });
    else setError(res.message);
  };

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
            {r.reason && r.status !== 'pending_review' ? (
              <Text className={positive.has(r.status) ? 'banner-info' : 'banner-error'} id="status-reason">
                {`${r.history.at(-1)?.reasonLabel ? `${r.history.at(-1)?.reasonLabel}：` : ''}${r.reason}${r.deadline ? `（请在${r.deadline}前修改并重新提交）` : ''}`}
              </Text>
            ) : null}
            <Text className="muted">
              {`${r.year}年 ${r.stageLabel}\n学校：${r.schoolName}\n身份证号：${r.idNumberMasked}\n出生日期：${r.birthDate}　性别：${r.gender === 'M' ? '男' : '女'}\n类别：${r.tierLabel}（${r.tier.reasons.join('；')}）`}
            </Text>
            {r.status === 'needs_more' ? (
              <Button
                className="btn btn-primary"
                id="edit-registration"
                onClick={() => void Taro.navigateTo({ url: `/pages/parent/register/index?edit=${r.id}` })}
              >
                修改并重新提交
              </Button>
            ) : null}
            {withdrawable.has(r.status) ? (
              <Button className="btn btn-danger" id="withdraw" onClick={() => void withdraw()}>
                撤回报名
              </Button>
            ) : null}
          </View>
          {r.placement ? (
            <View className="card" id="placement-result">
              <Text className="card-title">{r.placement.schoolId ? '录取结果' : '学位由教育局统筹安排'}</Text>
              <Text className="muted">{r.placement.explanation}</Text>
              <Text className="muted">{`
派位记录：${r.placement.runId}`}</Text>
            </View>
          ) : null}
          {r.placement ? <Admission id={r.id} /> : null}
          <View className="card">
            <Text className="card-title">材料</Text>
            {r.documents.map((d) => (
              <View className="row" key={d.slot}>
                <Text>{d.label}</Text>
                {d.attached ? (
                  <Text className="field-ok" onClick={() => void open(d.slot)}>
                    已上传 · 查看
                  </Text>
                ) : (
                  <Text className="field-error">缺少</Text>
                )}
              </View>
            ))}
          </View>
          <Timeline title="办理进度" history={r.history} />
        </View>
      ) : null}
    </View>
  );
}
