// What admitted families are told: the report date per stage, what to bring (one item a line),
// and how many days they have to ask for a review. Shown in every parent's admission card.
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import type { AdmissionNoticeSettings } from '@shared/api';
import { useEffect, useState } from 'react';
import { ErrorBanner, InfoBanner } from '../../../components/Banner';
import { placementApi } from '../../../services/api';

export function NoticeSettings() {
  const [primary, setPrimary] = useState('');
  const [junior, setJunior] = useState('');
  const [bring, setBring] = useState('');
  const [days, setDays] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);

  const show = (n: AdmissionNoticeSettings) => {
    setPrimary(n.reportDate.primary);
    setJunior(n.reportDate.junior);
    setBring(n.bring.join('\n'));
    setDays(String(n.appealDays));
  };
  useEffect(() => {
    void placementApi.noticeSettings().then((r) => (r.ok ? show(r.data) : setError(r.message)));
  }, []);

  const save = async () => {
    const appealDays = Number(days);
    if (!Number.isInteger(appealDays) || appealDays < 1 || appealDays > 30)
      return setError('复核期限请填写1到30之间的整数天数。');
    const r = await placementApi.setNotice({
      reportDate: { primary: primary.trim(), junior: junior.trim() },
      bring: bring
        .split('\n')
        .map((x) => x.trim())
        .filter(Boolean),
      appealDays,
    });
    if (r.ok) {
      setError(null);
      setInfo('已保存，家长的录取结果页将显示新的报到信息。');
    } else setError(r.message);
  };

  return (
    <View className="card" id="notice-settings">
      <Text className="card-title">报到通知与复核期限</Text>
      <ErrorBanner message={error} />
      <InfoBanner message={info} />
      <Text className="label">小学一年级报到日期（如 2027-08-28）</Text>
      <Input
        className="input"
        id="notice-primary"
        value={primary}
        onInput={(e) => setPrimary(e.detail.value)}
      />
      <Text className="label">初中一年级报到日期</Text>
      <Input className="input" id="notice-junior" value={junior} onInput={(e) => setJunior(e.detail.value)} />
      <Text className="label">需携带的材料（每行一项）</Text>
      <Textarea className="input" id="notice-bring" value={bring} onInput={(e) => setBring(e.detail.value)} />
      <Text className="label">公布后可申请复核的天数</Text>
      <Input
        className="input"
        id="notice-days"
        type="number"
        value={days}
        onInput={(e) => setDays(e.detail.value)}
      />
      <Button className="btn btn-primary" id="notice-save" onClick={() => void save()}>
        保存
      </Button>
    </View>
  );
}
